"""Verbatim output of onnxruntime-gpu 1.31.1 on a CPU-only box (no CUDA/TensorRT libraries)."""
# ruff: noqa: E501

from __future__ import annotations

# Session created with providers TensorRT -> CUDA -> CPU.
RECORDED = """*************** EP Error ***************
EP Error /onnxruntime_src/onnxruntime/python/onnxruntime_pybind_state.cc:729 void onnxruntime::python::RegisterTensorRTPluginsAsCustomOps(PySessionOptions&, const onnxruntime::ProviderOptions&) Please install TensorRT libraries as mentioned in the GPU requirements page, make sure they're in the PATH or LD_LIBRARY_PATH, and that your GPU is supported.
 when using ['TensorrtExecutionProvider', 'CUDAExecutionProvider', 'CPUExecutionProvider']
Falling back to ['CUDAExecutionProvider', 'CPUExecutionProvider'] and retrying.
****************************************
\x1b[1;31m2026-11-22 06:16:03.252350114 [E:onnxruntime:Default, provider_bridge_ort.cc:2430 operator()] /onnxruntime_src/onnxruntime/core/session/provider_bridge_ort.cc:2043 onnxruntime::Provider& onnxruntime::ProviderLibrary::Get() [ONNXRuntimeError] : 1 : FAIL : Failed to load library /venv/lib/python3.11/site-packages/onnxruntime/capi/libonnxruntime_providers_tensorrt.so with error: libcublas.so.13: cannot open shared object file: No such file or directory
\x1b[m
\x1b[0;93m2026-11-22 06:16:03.257669837 [W:onnxruntime:Default, onnxruntime_pybind_state.cc:1295 CreateExecutionProviderFactoryInstance] Failed to create CUDAExecutionProvider. Require cuDNN 9.* and CUDA 13.*. Please install all dependencies.\x1b[m
"""
