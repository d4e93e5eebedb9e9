# The application image used by docker-compose.yml (ingest job and UI).
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY imr ./imr
COPY graph ./graph
COPY ingest ./ingest
COPY ui ./ui
COPY .streamlit ./.streamlit
COPY data ./data
RUN pip install --no-cache-dir .
ENV HF_HUB_OFFLINE=1
EXPOSE 8501
