"""Which runtime executes the embedding model: PyTorch (the default), ONNX Runtime, or ONNX Runtime
with dynamic int8 quantisation (IMR_EMBED_BACKEND).

On these CPUs the model is matmul-bound: ONNX fp32 runs at PyTorch's speed and int8 at ~1.33× with
unchanged retrieval quality (BENCHMARKS.md, "CPU embedding backends"). The ONNX files are exported
once per model into a models folder (IMR_HOME/models) and reused by every later process.
"""

from __future__ import annotations

import fcntl
import hashlib
import shutil
import tempfile
from pathlib import Path
from typing import Any

from graph.errors import ConfigurationError

BACKENDS = ("torch", "onnx", "onnx-int8")
ONNX_FILE = "onnx/model.onnx"
# What sentence-transformers' export_dynamic_quantized_onnx_model writes for the avx2 config.
INT8_CONFIG = "avx2"
INT8_FILE = f"onnx/model_quint8_{INT8_CONFIG}.onnx"


def check_backend(backend: str) -> str:
    if backend not in BACKENDS:
        raise ConfigurationError(
            f"IMR_EMBED_BACKEND={backend!r} is not a backend: choose one of {', '.join(BACKENDS)}"
        )
    return backend


def _require_onnx_runtime(backend: str) -> None:
    try:
        import onnxruntime  # noqa: F401
        import optimum.onnxruntime  # noqa: F401
    except ImportError as error:
        raise ConfigurationError(
            f"IMR_EMBED_BACKEND={backend} needs ONNX Runtime and optimum ({error.name} is missing):"
            " pip install -e '.[onnx]', or unset IMR_EMBED_BACKEND for PyTorch"
        ) from error


def export_folder(model: str, model_fingerprint: str, models_dir: Path) -> Path:
    """Where this model's ONNX export lives (one folder per model content, not per name)."""
    label = Path(model).name or "model"
    digest = hashlib.sha256(model_fingerprint.encode()).hexdigest()[:12]
    return models_dir / f"{label}-{digest}"


def _export(model: str, device: str, target: Path, want_int8: bool) -> None:
    """Export (and quantise) into a scratch folder, then move it into place whole, so a
    process that dies mid-export leaves nothing half-written behind."""
    from sentence_transformers import SentenceTransformer, export_dynamic_quantized_onnx_model

    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=".export-", dir=target.parent))
    try:
        onnx_model = SentenceTransformer(model, device=device, backend="onnx")
        onnx_model.save_pretrained(str(scratch))
        if want_int8:
            export_dynamic_quantized_onnx_model(onnx_model, INT8_CONFIG, str(scratch))
        if target.exists():
            shutil.rmtree(target)
        scratch.rename(target)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def load_model(
    model: str, device: str, backend: str, model_fingerprint: str, models_dir: Path
) -> Any:
    """A SentenceTransformer for `model` running on `backend` (exporting it first if needed)."""
    from sentence_transformers import SentenceTransformer

    check_backend(backend)
    if backend == "torch":
        return SentenceTransformer(model, device=device)
    _require_onnx_runtime(backend)
    want_int8 = backend == "onnx-int8"
    file_name = INT8_FILE if want_int8 else ONNX_FILE
    folder = export_folder(model, model_fingerprint, models_dir)
    models_dir.mkdir(parents=True, exist_ok=True)
    # Several ingest workers may start at once: one exports, the others wait and reuse it.
    with open(models_dir / ".export.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / file_name).is_file():
            _export(model, device, folder, want_int8)
    return SentenceTransformer(
        str(folder), device=device, backend="onnx", model_kwargs={"file_name": file_name}
    )
