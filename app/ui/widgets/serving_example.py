"""How to call the service: curl and tritonclient lines for its address and a model it serves.

The comments are the Serving page's texts (literal translate() calls, so lupdate reads them).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication

TRITON_TYPES = {"float": "FP32", "float32": "FP32", "float16": "FP16", "double": "FP64",
                "float64": "FP64", "int64": "INT64", "int32": "INT32", "int16": "INT16",
                "int8": "INT8", "uint8": "UINT8", "bool": "BOOL"}


def client_example(url: str, name: str, inputs: Sequence[dict[str, Any]],
                   outputs: Sequence[dict[str, Any]]) -> str:
    """The example for `url` and the model `name` with its input and output tensors."""
    first = inputs[0] if inputs else {"name": "INPUT", "shape": [1, 4], "dtype": "float"}
    shape = [d if isinstance(d, int) and d > 0 else 1 for d in first.get("shape") or [1]]
    dtype = TRITON_TYPES.get(str(first.get("dtype", "float")), "FP32")
    output = outputs[0]["name"] if outputs else "OUTPUT"
    count = math.prod(shape)
    numpy_type = {"FP32": "np.float32", "FP16": "np.float16", "FP64": "np.float64",
                  "INT64": "np.int64", "INT32": "np.int32", "INT16": "np.int16",
                  "INT8": "np.int8", "UINT8": "np.uint8", "BOOL": "np.bool_"}[dtype]
    tls = url.startswith("https")
    hostport = url.split("://", 1)[-1]
    cacert = ' --cacert "$CERT"' if tls else ""
    zero = "false" if dtype == "BOOL" else "0"
    lines = [
        "# " + QCoreApplication.translate("ServingPage", "Is it up? (no key needed)"),
        f"curl{cacert} {url}/v2/health/ready",
        "",
        "# " + QCoreApplication.translate("ServingPage", "The model's inputs and outputs"),
        f'curl{cacert} -H "Authorization: Bearer <key>" {url}/v2/models/{name}',
        "",
        "# " + QCoreApplication.translate("ServingPage", "One inference (JSON tensors, flattened)"),
        f'curl{cacert} -H "Authorization: Bearer <key>" -H "Content-Type: application/json" \\',
        f"  -d '{{\"inputs\": [{{\"name\": \"{first['name']}\", \"shape\": {shape}, "
        f"\"datatype\": \"{dtype}\", \"data\": [{', '.join([zero] * min(count, 4))}"
        f"{', ...' if count > 4 else ''}]}}]}}' \\",
        f"  {url}/v2/models/{name}/infer",
        "",
        "# " + QCoreApplication.translate("ServingPage",
                                          "Python (pip install tritonclient[http]):"),
        "import numpy as np",
        "import tritonclient.http as httpclient",
        "",
        f'client = httpclient.InferenceServerClient("{hostport}", ssl={tls})',
        'headers = {"Authorization": "Bearer <key>"}',
        f"x = np.zeros({tuple(shape)}, {numpy_type})",
        f'tensor = httpclient.InferInput("{first["name"]}", list(x.shape), "{dtype}")',
        "tensor.set_data_from_numpy(x)",
        f'result = client.infer("{name}", [tensor], headers=headers)',
        f'print(result.as_numpy("{output}"))',
    ]
    return "\n".join(lines)
