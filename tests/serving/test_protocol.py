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
    with pytest.raises(ProtocolError, match="cut short"):  # not a silently partial body
        protocol.decode_body(gzip.compress(b'{"inputs": [1, 2, 3]}')[:-12], "gzip", 100)


def test_binary_bytes_elements_must_fit_their_data():
    head = json.dumps({"inputs": [{"name": "s", "shape": [2], "datatype": "BYTES",
                                   "parameters": {"binary_data_size": 9}}]}).encode()
    truncated = head + b"\x09\x00\x00\x00abc" + b"\x00\x00"
    with pytest.raises(ProtocolError, match="runs past the end"):
        protocol.parse_infer_request(truncated, str(len(head)))
    one = head.replace(b": 9", b": 8") + b"\x04\x00\x00\x00abcd"
    with pytest.raises(ProtocolError, match="1 BYTES elements given but the shape needs 2"):
        protocol.parse_infer_request(one, str(len(head)))
    short = head.replace(b": 9", b": 7") + b"\x03\x00\x00\x00abc"
    with pytest.raises(ProtocolError, match="cannot hold the 2 elements"):
        protocol.parse_infer_request(short, str(len(head)))


def test_metadata_shapes_use_minus_one_for_dynamic_dimensions():
    assert protocol.wire_shape(("batch", 3, None, -1, 7)) == [-1, 3, -1, -1, 7]
    config = protocol.triton_config("m", SPECS, SPECS[:1], True, 16, 2000)
    assert config["input"][0] == {"name": "x", "data_type": "TYPE_FP32", "dims": [3]}
    assert config["dynamic_batching"]["max_queue_delay_microseconds"] == 2000


def json_body(data, datatype="FP32", shape=None, **extra):
    item = {"name": "x", "datatype": datatype, "data": data,
            "shape": shape if shape is not None else [len(data)]}
    return json.dumps({"inputs": [item], **extra}).encode()


@pytest.mark.parametrize("datatype,data,message", [
    ("FP32", ["1.5", "2"], "holds strings"),
    ("FP32", [True, False], "holds true/false"),
    ("FP32", [None, 1.0], "null"),
    ("FP32", [{"a": 1}], "null, nested objects"),
    ("BOOL", ["false", "true"], "must be true/false"),
    ("BOOL", [0, 1], "must be true/false"),
    ("INT64", [1.7, 2], "holds fractions"),
    ("INT64", [2 ** 70], "too large"),
    ("UINT64", [-1, 2 ** 64 - 1], "integers too large"),
    ("UINT8", [300], "must lie in [0, 255]"),
    ("INT8", [-129], "must lie in [-128, 127]"),
    ("BYTES", ["a", 1], "must be strings, not int"),
    ("BYTES", [["a"], [None]], "must be strings, not NoneType"),
])
def test_json_data_is_never_coerced_to_another_type(datatype, data, message):
    """numpy would read '1.5' as 1.5, 'false' as True, null as NaN and 1.7 as 1."""
    with pytest.raises(ProtocolError) as refused:
        protocol.parse_infer_request(json_body(data, datatype), None)
    assert refused.value.status == 400 and message in refused.value.message


def test_json_data_of_the_right_kind_is_read():
    request = protocol.parse_infer_request(json_body([[1, 2.5], [3, 4]], shape=[2, 2]), None)
    np.testing.assert_array_equal(request.inputs["x"], [[1, 2.5], [3, 4]])
    assert request.inputs["x"].dtype == np.float32
    flags = protocol.parse_infer_request(json_body([True, False], "BOOL"), None).inputs["x"]
    assert flags.dtype == bool and flags.tolist() == [True, False]
    big = protocol.parse_infer_request(json_body([2 ** 64 - 1], "UINT64"), None).inputs["x"]
    assert big.tolist() == [2 ** 64 - 1]
    text = protocol.parse_infer_request(json_body([["a", "b"], ["c", "d"]], "BYTES",
                                                  [2, 2]), None).inputs["x"]
    assert text.shape == (2, 2) and text.tolist() == [[b"a", b"b"], [b"c", b"d"]]
    empty = protocol.parse_infer_request(json_body([], "INT64", [0, 3]), None).inputs["x"]
    assert empty.shape == (0, 3) and empty.dtype == np.int64


@pytest.mark.parametrize("value", ["1_0", "+5", "-5", " 7x", "9" * 5000, "٣"])
def test_the_header_length_must_be_plain_digits(value):
    with pytest.raises(ProtocolError, match="must be a number of bytes"):
        protocol.parse_infer_request(b'{"inputs": []}' + b" " * 20, value)


def test_deep_nesting_and_too_many_dimensions_are_400_not_500():
    with pytest.raises(ProtocolError, match="nested too deeply"):
        protocol.parse_infer_request(b"[" * 100_000, None)
    with pytest.raises(ProtocolError, match="at most 32"):
        protocol.parse_infer_request(json_body([0.0], shape=[1] * 100), None)


def test_more_bytes_elements_than_the_shape_are_refused_early():
    head = json.dumps({"inputs": [{"name": "s", "shape": [1], "datatype": "BYTES",
                                   "parameters": {"binary_data_size": 40}}]}).encode()
    many = head + b"\x00\x00\x00\x00" * 10  # ten empty strings for a shape of one
    with pytest.raises(ProtocolError, match="more than 1 BYTES elements"):
        protocol.parse_infer_request(many, str(len(head)))


def test_flags_and_ids_have_their_types():
    with pytest.raises(ProtocolError, match="binary_data_output must be true or false"):
        protocol.parse_infer_request(json_body([1.0], parameters={
            "binary_data_output": "false"}), None)
    with pytest.raises(ProtocolError, match="binary_data must be true or false"):
        protocol.parse_infer_request(json_body([1.0], outputs=[
            {"name": "y", "parameters": {"binary_data": "no"}}]), None)
    with pytest.raises(ProtocolError, match="'id' must be a string"):
        protocol.parse_infer_request(json_body([1.0], id={"huge": [0] * 100}), None)
    assert protocol.parse_infer_request(json_body([1.0], id=7), None).id == "7"


def test_client_given_names_are_shortened_in_messages():
    with pytest.raises(ProtocolError) as refused:
        protocol.parse_infer_request(json.dumps({"inputs": [
            {"name": "x" * 100_000, "shape": [1], "datatype": "Q" * 100_000,
             "data": [1]}]}).encode(), None)
    assert len(refused.value.message) < 400
