"""Embedding throughput on one device: where encode() loses time, and what the overlapped encoder
(ingest/overlapped.py) recovers.

    python -m bench.bench_embed_gpu [--device cuda] [--texts 20000] [--batch-size 256]

Four numbers, texts/s, over the same generated rationales (256-token window):
  tokenize_only   the fast tokenizer alone: one call per 32 texts (what encode() does) and one per
                  4,096 (what the overlapped encoder does)
  forward_only    the model's forward pass over pre-tokenized batches (the device's ceiling)
  encode          SentenceTransformer.encode on pre-fitted texts (the library's own path), and
                  encode_with_fit: the head-and-tail fit by text first (ingest's stock path)
  overlapped      OverlappedEncoder.encode, plus its cosine agreement with encode()
Self-contained (generates its texts), so it runs on a lent GPU machine from a bare checkout.
"""

from __future__ import annotations

import argparse
import json
import platform
import tempfile
import time
from pathlib import Path

import numpy as np

from imr.settings import default_embed_model
from ingest.embed import SentenceTransformerEmbedder
from ingest.generate import generate_corpus
from ingest.overlapped import OverlappedEncoder


def rationales(count: int) -> list[str]:
    """`count` distinct generated rationales (the generator's own length mix)."""
    out = Path(tempfile.mkdtemp()) / "corpus"
    generate_corpus(n=max(1, count // 2), seed=99, out_dir=out, pdf_fraction=0.0, dmhc_rows=0)
    texts = [
        item["rationale"]
        for line in (out / "truth.jsonl").read_text().splitlines()
        for item in json.loads(line)["items"]
    ]
    while len(texts) < count:  # top up with variants rather than exact repeats
        texts += [f"{t} ({len(texts)})" for t in texts[: count - len(texts)]]
    return texts[:count]


def synchronise(device: str) -> None:
    if device.startswith("cuda"):
        import torch

        torch.cuda.synchronize()


def rate(count: int, seconds: float) -> float:
    return round(count / seconds, 1)


def main() -> None:
    import torch

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_device = "cuda" if torch.cuda.is_available() else "cpu"
    parser.add_argument("--device", default=default_device)
    parser.add_argument("--texts", type=int, default=20_000 if default_device == "cuda" else 256)
    parser.add_argument("--batch-size", type=int, default=256 if default_device == "cuda" else 32)
    parser.add_argument("--model", default=default_embed_model())
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()

    texts = rationales(args.texts)
    embedder = SentenceTransformerEmbedder(args.model, args.device, args.batch_size)
    model = embedder._load()
    encoder = OverlappedEncoder(model, batch_size=args.batch_size)
    results: dict = {
        "device": args.device,
        "device_name": torch.cuda.get_device_name() if args.device.startswith("cuda") else None,
        "cpu": platform.processor(),
        "torch": torch.__version__,
        "texts": len(texts),
        "batch_size": args.batch_size,
        "max_tokens": int(model.max_seq_length),
    }
    encoder.encode(texts[: args.batch_size])  # warm-up: kernels, allocator, tokenizer pools

    tokenizer = model.tokenizer
    started = time.perf_counter()
    for start in range(0, len(texts), 32):
        tokenizer(texts[start : start + 32], truncation=True, max_length=model.max_seq_length)
    small_calls = time.perf_counter() - started
    started = time.perf_counter()
    chunks = [encoder.tokenize_chunk(texts[s : s + 4096]) for s in range(0, len(texts), 4096)]
    large_calls = time.perf_counter() - started
    results["tokenize_only"] = {
        "calls_of_32": rate(len(texts), small_calls),
        "chunks_of_4096_with_padding": rate(len(texts), large_calls),
    }

    with torch.inference_mode():
        batches = [
            {k: v.to(args.device) for k, v in batch.items()}
            for chunk in chunks
            for batch in chunk.batches
        ]
        synchronise(args.device)
        started = time.perf_counter()
        for batch in batches:
            model(batch)["sentence_embedding"]
        synchronise(args.device)
        results["forward_only"] = rate(len(texts), time.perf_counter() - started)

    # The stock path as ingest ran it before: head-and-tail fit by text, then encode().
    stock_embedder = SentenceTransformerEmbedder(
        args.model, args.device, args.batch_size, overlap=False
    )
    stock_embedder._model = model
    started = time.perf_counter()
    stock = stock_embedder.embed(texts)
    results["encode_with_fit"] = rate(len(texts), time.perf_counter() - started)
    fitted = stock_embedder.fit_window(texts)
    started = time.perf_counter()
    model.encode(fitted, batch_size=args.batch_size, normalize_embeddings=True)
    results["encode"] = rate(len(texts), time.perf_counter() - started)

    started = time.perf_counter()
    overlapped = encoder.encode(texts)
    results["overlapped"] = rate(len(texts), time.perf_counter() - started)
    agreement = np.sum(stock * overlapped, axis=1)
    results["overlapped_vs_encode_with_fit"] = round(
        results["overlapped"] / results["encode_with_fit"], 2
    )
    results["cosine_to_encode_min"] = round(float(agreement.min()), 5)
    print(json.dumps(results, indent=2))
    if args.out:
        args.out.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
