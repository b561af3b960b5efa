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


# -- hostile requests: always a 400 naming the field, never another exception ---------------

NAN = float("nan")


def parse_text(text: str | bytes, header_length: str | None = None) -> protocol.InferRequest:
    return protocol.parse_infer_request(text.encode() if isinstance(text, str) else text,
                                        header_length)


def refused_with(body: bytes | str, header_length: str | None = None) -> ProtocolError:
    with pytest.raises(ProtocolError) as refused:
        parse_text(body, header_length)
    assert refused.value.status == 400, refused.value.message
    refused.value.message.encode("utf-8")  # valid text, whatever the request held
    assert len(refused.value.message) < 600, refused.value.message
    return refused.value


@pytest.mark.parametrize("datatype", [["FP32"], {"a": 1}, 3, None, True, "\ud800"])
def test_a_datatype_that_is_not_a_known_name_is_a_400(datatype):
    assert "unknown datatype" in refused_with(json_body([1.0], datatype=datatype)).message


@pytest.mark.parametrize("body,field", [
    ('{"inputs":[{"name":"\\ud800","shape":[1],"datatype":"FP32","data":[1]}]}', "input #1"),
    ('{"inputs":[{"name":"x","shape":[1],"datatype":"BYTES","data":["ok","\\udc00"]}]}',
     "input 'x'"),
    ('{"inputs":[{"name":"x","shape":[1],"datatype":"FP32","data":[1]}],'
     '"outputs":[{"name":"a\\udbff"}]}', "output #1"),
    ('{"id":"\\ud800","inputs":[{"name":"x","shape":[1],"datatype":"FP32","data":[1]}]}',
     "'id'"),
    ('{"inputs":[{"name":"x","shape":[1],"datatype":"FP32","data":[1],'
     '"parameters":{"\\ud800":1}}]}', "input 'x'"),
    ('{"inputs":[{"name":"x","shape":[1],"datatype":"FP32","data":[1]}],'
     '"parameters":{"p":"\\udfff"}}', "request"),
])
def test_lone_surrogates_anywhere_are_a_400_naming_the_field(body, field):
    refused = refused_with(body)
    assert field in refused.message and "surrogate" in refused.message


@pytest.mark.parametrize("token", ["NaN", "Infinity", "-Infinity", "1e400", "-1e999"])
@pytest.mark.parametrize("datatype", ["FP32", "FP64", "INT64", "FP16"])
def test_non_finite_json_numbers_are_refused_naming_the_tensor(token, datatype):
    body = ('{"inputs":[{"name":"pixels","shape":[2],"datatype":"' + datatype
            + '","data":[1, ' + token + ']}]}')
    message = refused_with(body).message
    assert "input 'pixels'" in message and "finite" in message, message


@pytest.mark.parametrize("datatype,value", [("FP32", 1e39), ("FP16", 70000.0)])
def test_numbers_beyond_the_datatype_are_refused_not_made_infinite(datatype, value):
    message = refused_with(json_body([1.0, value], datatype)).message
    assert "input 'x'" in message and datatype in message and "range" in message


@pytest.mark.parametrize("where,value", [
    ("request", NAN), ("request", [1]), ("request", {"a": 1}), ("input", float("inf")),
])
def test_parameter_values_are_finite_scalars(where, value):
    extra = {"parameters": {"p": value}}
    body = json_body([1.0], **(extra if where == "request" else {}))
    if where == "input":
        document = json.loads(body)
        document["inputs"][0]["parameters"] = {"p": value}
        body = json.dumps(document).encode()
    assert "parameter 'p'" in refused_with(body).message


@pytest.mark.parametrize("parameters", [[], "", 0, False, [1]])
def test_parameters_must_be_an_object(parameters):
    assert "'parameters' must be an object" in refused_with(
        json_body([1.0], parameters=parameters)).message


def test_shapes_are_bounded_and_messages_stay_short():
    huge = refused_with(json_body([1.0], shape=[10 ** 4000])).message
    assert "too large" in huge
    product = refused_with(json_body([1.0], shape=[2 ** 62] * 8)).message
    assert "too large" in product or "too many" in product


def test_an_output_is_requested_once():
    message = refused_with(json_body([1.0], outputs=[{"name": "y"}, {"name": "y"}])).message
    assert "output 'y'" in message and "twice" in message


def test_request_lists_and_items_have_their_types():
    assert "'outputs' must be a list" in refused_with(json_body([1.0], outputs={})).message
    assert "output #1" in refused_with(json_body([1.0], outputs=[7])).message
    assert "input #1" in refused_with('{"inputs": [[1]]}').message
    assert "name" in refused_with('{"inputs":[{"name":"","shape":[1],"datatype":"FP32",'
                                  '"data":[1]}]}').message


def test_optional_fields_may_be_null():
    request = parse_text('{"id":null,"parameters":null,"outputs":null,"inputs":[{"name":"x",'
                         '"shape":[1],"datatype":"FP32","data":[1],"parameters":null}]}')
    assert request.id is None and request.outputs is None


def test_trailing_bytes_after_a_compressed_body_are_refused():
    with pytest.raises(ProtocolError, match="after the end"):
        protocol.decode_body(gzip.compress(b'{"inputs": []}') + b"junk", "gzip", 1000)


def test_the_content_encoding_is_echoed_shortened():
    with pytest.raises(ProtocolError) as refused:
        protocol.decode_body(b"x", "x" * 50_000 + "\ud800", 100)
    assert refused.value.status == 415 and len(refused.value.message) < 300
    refused.value.message.encode("utf-8")


ODD_VALUES = [None, True, False, 0, -1, 2 ** 70, 10 ** 400, 1.5, NAN, float("inf"), "", "x",
              "\ud800", "n" * 5000, [], [None], [[]], [NAN], ["\udc00"], {}, {"a": NAN},
              {"binary_data_size": -1}, {"classification": 2 ** 80}]


def _paths(value, path=()):
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value[:2]):
            yield from _paths(item, (*path, index))


def _replaced(document, path, value):
    if not path:
        return value
    copy = json.loads(json.dumps(document))
    target = copy
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return copy


VALID = {"id": "r1", "parameters": {"binary_data_output": False},
         "inputs": [{"name": "x", "shape": [2, 3], "datatype": "FP32",
                     "parameters": {"note": "a"}, "data": [[1, 2, 3], [4, 5, 6]]}],
         "outputs": [{"name": "x", "parameters": {"binary_data": False, "classification": 2}}]}


def test_any_odd_value_in_any_field_is_a_400_or_a_valid_request():
    """What an attacker would try next: every field of a valid request (and the request
    itself) replaced by each odd JSON value. Parsing, the model check and the JSON answer
    either work or refuse with a 400 whose text is valid and short; nothing else."""
    spec = (TensorSpec("x", ("batch", 3), "float32"),)
    for path in list(_paths(VALID)):
        for value in ODD_VALUES:
            body = json.dumps(_replaced(VALID, path, value)).encode()  # NaN as a bare token
            try:
                request = protocol.parse_infer_request(body, None)
                protocol.check_inputs(request, spec, batchable=True, max_batch=8)
                protocol.check_outputs(request, ["x"])
                outputs = {"x": request.inputs["x"]}
                answer, headers = protocol.encode_infer_response("m", 1, request, outputs,
                                                                 ["a"])
                answer = answer[:int(headers.get(protocol.HEADER_LENGTH, len(answer)))]
            except ProtocolError as exc:
                assert exc.status == 400, (path, value, exc.message)
                exc.message.encode("utf-8")
                assert len(exc.message) < 600, (path, exc.message)
                continue
            assert b"NaN" not in answer and b"Infinity" not in answer, (path, value)
            json.loads(answer)


def test_a_model_that_produces_nan_is_refused_in_json_and_carried_in_binary():
    values = np.array([[1.0, np.nan, np.inf]], dtype=np.float32)
    as_json = protocol.InferRequest(None, {}, {}, [RequestedOutput("y", False)], False)
    with pytest.raises(ProtocolError) as refused:
        protocol.encode_infer_response("m", 1, as_json, {"y": values})
    assert refused.value.status == 500
    assert "output 'y'" in refused.value.message and "binary" in refused.value.message
    as_binary = protocol.InferRequest(None, {}, {}, [RequestedOutput("y", True)], False)
    body, headers = protocol.encode_infer_response("m", 1, as_binary, {"y": values})
    result = InferResult.from_response_body(body, header_length=int(
        headers[protocol.HEADER_LENGTH]))
    np.testing.assert_array_equal(result.as_numpy("y"), values)
