"""Serving: the active models over HTTP (KServe v2 / Triton protocol) with API keys.

`control` (console side: status, start/stop, access log, rates) and `keys` are light; `server`
(FastAPI, uvicorn) is imported only by `edgedeck serve`, tests and benchmarks.
"""
