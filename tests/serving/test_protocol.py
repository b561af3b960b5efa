"""The protocol codec without a server: what the Triton client sends decodes, what we send the
Triton client reads back, and malformed input is a 400 with a reason."""

from __future__ import annotations

import gzip
import json
import zlib

import numpy as np
import pytest
import tritonclient.http as triton
from tritonclient.http import InferResult
from tritonclient.http._utils import _get_inference_request

from app.serving import protocol
from app.serving.protocol import ProtocolError, RequestedOutput
from engines.base import TensorSpec


def client_body(inputs, outputs=None):
    body, json_size = _get_inference_request(inputs, "", outputs, 0, False, False, 0, None, None)
    return body, None if json_size is None else str(json_size)


@pytest.mark.parametrize("binary", [True, False])
@pytest.mark.parametrize("datatype,array", [
    ("FP32", np.arange(6, dtype=np.float32).reshape(2, 3) / 7),
    ("FP16", np.arange(6, dtype=np.float16).reshape(2, 3)),
    ("INT64", np.arange(6, dtype=np.int64).reshape(2, 3) - 3),
    ("UINT8", np.arange(6, dtype=np.uint8).reshape(2, 3)),
    ("BOOL", np.array([[True, False, True]])),
    ("BYTES", np.array([[b"a", b"\xe4\xb8\xad".decode().encode(), b""]], dtype=object)),
])
def test_what_the_triton_client_sends_decodes_exactly(binary, datatype, array):
    tensor = triton.InferInput("x", list(array.shape), datatype)
    tensor.set_data_from_numpy(array, binary_data=binary)
    body, length = client_body([tensor])
    request = protocol.parse_infer_request(body, length)
    got = request.inputs["x"]
    assert request.datatypes == {"x": datatype} and got.shape == array.shape
    if datatype == "BYTES":
        assert got.tolist() == array.tolist()
    else:
        assert got.dtype == array.dtype
        np.testing.assert_array_equal(got, array)
    assert request.outputs is None and request.binary_output is True


@pytest.mark.parametrize("binary", [True, False])
def test_what_we_send_the_triton_client_reads(binary):
    scores = np.array([[0.1, 0.7, 0.2], [0.5, 0.3, 0.2]], dtype=np.float32)
    ids = np.array([[1, 2], [3, 4]], dtype=np.int64)
    request = protocol.InferRequest("req-1", {}, {}, [
        RequestedOutput("scores", binary), RequestedOutput("ids", binary),
        RequestedOutput("scores", binary, classification=2)], False)
    body, headers = protocol.encode_infer_response(
        "m", 3, request, {"scores": scores, "ids": ids}, labels=["a", "b", "c"])
    assert headers["content-type"] == ("application/octet-stream" if binary
                                       else "application/json")
    result = InferResult.from_response_body(
        body, header_length=int(headers[protocol.HEADER_LENGTH]) if binary else None)
    response = result.get_response()
    assert response["model_version"] == "3" and response["id"] == "req-1"
    np.testing.assert_array_equal(result.as_numpy("ids"), ids)
    outputs = response["outputs"]
    assert outputs[0]["datatype"] == "FP32" and outputs[1]["datatype"] == "INT64"
    assert outputs[2]["datatype"] == "BYTES" and outputs[2]["shape"] == [2, 2]


def test_classification_names_the_top_labels():
    cells = protocol.classify(np.array([[0.1, 0.7, 0.2]]), 2, ["a", "b", "c"])
    assert cells.tolist() == [[b"0.7:1:b", b"0.2:2:c"]]
    assert protocol.classify(np.array([3.0, 1.0]), 5, None).tolist() == [b"3:0", b"1:1"]
    with pytest.raises(ProtocolError):
        protocol.classify(np.zeros((1, 2, 3)), 1, None)


SPECS = (TensorSpec("x", ("batch", 3), "float32"), TensorSpec("mask", ("batch", 3), "int64"))


def request_of(**inputs):
    document = {"inputs": [{"name": name, "shape": list(np.shape(value)),
                            "datatype": protocol.datatype_of(np.asarray(value).dtype.name),
                            "data": np.asarray(value).ravel().tolist()}
                           for name, value in inputs.items()]}
    return protocol.parse_infer_request(json.dumps(document).encode(), None)


def test_model_checks_names_types_ranks_and_the_shared_batch():
    good = request_of(x=np.zeros((2, 3), np.float32), mask=np.zeros((2, 3), np.int64))
    protocol.check_inputs(good, SPECS, batchable=True, max_batch=8)
    assert good.rows == 2
    cases = [
        (request_of(x=np.zeros((2, 3), np.float32)), "missing input 'mask'"),
        (request_of(x=np.zeros((2, 3), np.float64), mask=np.zeros((2, 3), np.int64)),
         "has datatype FP64 but the model expects FP32"),
        (request_of(x=np.zeros((2, 4), np.float32), mask=np.zeros((2, 3), np.int64)),
         "expects [-1, 3]"),
        (request_of(x=np.zeros((2, 3), np.float32), mask=np.zeros((1, 3), np.int64)),
         "disagree on the batch dimension"),
        (request_of(x=np.zeros((0, 3), np.float32), mask=np.zeros((0, 3), np.int64)),
         "batch dimension is 0"),
    ]
    for request, message in cases:
        with pytest.raises(ProtocolError) as refused:
            protocol.check_inputs(request, SPECS, batchable=True, max_batch=8)
        assert refused.value.status == 400 and message in refused.value.message


def test_request_bodies_are_decompressed_within_the_limit():
    raw = b'{"inputs": []}'
    assert protocol.decode_body(gzip.compress(raw), "gzip", 100) == raw
    assert protocol.decode_body(zlib.compress(raw), "deflate", 100) == raw
    assert protocol.decode_body(raw, None, 100) == raw
    with pytest.raises(ProtocolError) as bomb:
        protocol.decode_body(gzip.compress(b"0" * 10_000), "gzip", 1000)
    assert bomb.value.status == 413
    with pytest.raises(ProtocolError) as unknown:
        protocol.decode_body(raw, "br", 100)
    assert unknown.value.status == 415


def test_binary_bytes_elements_must_fit_their_data():
    head = json.dumps({"inputs": [{"name": "s", "shape": [2], "datatype": "BYTES",
                                   "parameters": {"binary_data_size": 9}}]}).encode()
    truncated = head + b"\x09\x00\x00\x00abc" + b"\x00\x00"
    with pytest.raises(ProtocolError, match="runs past the end"):
        protocol.parse_infer_request(truncated, str(len(head)))
    one = head.replace(b": 9", b": 7") + b"\x03\x00\x00\x00abc"
    with pytest.raises(ProtocolError, match="1 BYTES elements given but the shape needs 2"):
        protocol.parse_infer_request(one, str(len(head)))


def test_metadata_shapes_use_minus_one_for_dynamic_dimensions():
    assert protocol.wire_shape(("batch", 3, None, -1, 7)) == [-1, 3, -1, -1, 7]
    config = protocol.triton_config("m", SPECS, SPECS[:1], True, 16, 2000)
    assert config["input"][0] == {"name": "x", "data_type": "TYPE_FP32", "dims": [3]}
    assert config["dynamic_batching"]["max_queue_delay_microseconds"] == 2000
