"""The KServe v2 / Triton HTTP inference protocol: request decoding, response encoding, errors.

Plain functions over bytes and numpy arrays, so every malformed case can be tested without a
server. Supported: JSON tensor data (flat or nested, row-major), the binary tensor data extension
(`Inference-Header-Content-Length`, `binary_data_size` on inputs, `binary_data` on outputs and
`binary_data_output` on the request), gzip/deflate request bodies (what tritonclient sends with
request compression) and the classification extension (`classification: k` on an output).
Refused with a 400: shared memory parameters, BF16 (numpy has no such type) and anything that
does not match the model's inputs.

Every request is read by one strict parser: each field has its type (optional ones may be absent
or null), names and strings are valid text (a lone UTF-16 surrogate such as "\\ud800" is not),
shapes are non-negative and bounded, datatypes are known names, JSON numbers are finite (NaN,
Infinity and 1e400 are not JSON; send such values in the binary form) and fit their datatype,
parameter values are finite scalars. Anything else is a 400 that names the field, never a 500.
Answers are always valid JSON: an output the model filled with NaN or Infinity is refused with a
500 that says so when it was asked for as JSON, and carried as IEEE floats in the binary form.
Client text is echoed in messages through `shown` (bounded, escaped) only.
"""

from __future__ import annotations

import json
import math
import struct
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from app.logging_setup import printable

# KServe v2 datatype -> numpy dtype name (engines.base.TensorSpec.dtype uses numpy names).
DATATYPES: dict[str, str] = {
    "BOOL": "bool", "UINT8": "uint8", "UINT16": "uint16", "UINT32": "uint32",
    "UINT64": "uint64", "INT8": "int8", "INT16": "int16", "INT32": "int32", "INT64": "int64",
    "FP16": "float16", "FP32": "float32", "FP64": "float64", "BYTES": "object",
}
NUMPY_TO_DATATYPE: dict[str, str] = {v: k for k, v in DATATYPES.items()}
NUMPY_TO_DATATYPE.update({"bfloat16": "BF16", "str": "BYTES", "bytes": "BYTES"})
HEADER_LENGTH = "Inference-Header-Content-Length"
JSON_TYPE = "application/json"
BINARY_TYPE = "application/octet-stream"
SHARED_MEMORY_KEYS = ("shared_memory_region", "shared_memory_byte_size", "shared_memory_offset")
MAX_RANK = 32  # numpy's own limit is 64; no model here takes more than a handful
MAX_ELEMENTS = 2 ** 63 - 1  # a dimension, and a tensor's element count, must fit an int64
NAME_IN_MESSAGE = 64  # client-given names are echoed in errors and the access log, shortened


class ProtocolError(Exception):
    """A request the protocol answers with `{"error": message}` and this HTTP status."""

    def __init__(self, status: int, message: str, close: bool = False) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.close = close  # answer with 'Connection: close' (the body was left unread)


def bad_request(message: str) -> ProtocolError:
    return ProtocolError(400, message)


def error_body(message: str) -> bytes:
    """The protocol's error document."""
    return json.dumps({"error": message}).encode()


def shown(text: object, limit: int = NAME_IN_MESSAGE) -> str:
    """A client-given name or value for an error message: shortened and escaped, so a request
    cannot make its error (and the access-log row built from it) as large as its body, nor
    invalid text."""
    return printable(text, limit)


def _kind(value: object) -> str:
    """What a JSON value is, in words (for a message that must not echo the value itself)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    return {str: "a string", int: "a number", float: "a number", list: "a list",
            dict: "an object"}.get(type(value), type(value).__name__)


def _text(value: str, where: str, what: str) -> str:
    """A client-given string that must be valid text: JSON's "\\ud800" escape decodes to a
    lone surrogate, which no UTF-8 encoder (a log, SQLite, a model) accepts."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise bad_request(f"{where}: {what} holds a lone UTF-16 surrogate "
                          f"({shown(value[exc.start])}), which is not valid text") from None
    return value


def _name(item: Any, where: str) -> str:
    name = item.get("name") if isinstance(item, dict) else None
    if not isinstance(name, str) or not name:
        raise bad_request(f"{where} must be an object with a non-empty 'name' string")
    return _text(name, where, "its name")


def datatype_of(dtype: str) -> str:
    """Numpy dtype name -> KServe datatype ('float32' -> 'FP32'); unknown names pass through."""
    return NUMPY_TO_DATATYPE.get(dtype, dtype.upper())


def wire_shape(shape: Iterable[int | str | None]) -> list[int]:
    """A model's shape for metadata: symbolic or unknown dimensions become -1."""
    return [dim if isinstance(dim, int) and dim >= 0 else -1 for dim in shape]


# -- requests ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RequestedOutput:
    name: str
    binary: bool
    classification: int = 0


@dataclass
class InferRequest:
    """A decoded request: input arrays by name (in request order) and what to send back."""

    id: str | None
    inputs: dict[str, np.ndarray]
    datatypes: dict[str, str]
    outputs: list[RequestedOutput] | None  # None: every output
    binary_output: bool  # the request's binary_data_output parameter
    parameters: dict[str, Any] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        """The first dimension shared by the inputs (the request's own batch size)."""
        first = next(iter(self.inputs.values()), None)
        return int(first.shape[0]) if first is not None and first.ndim else 1


def decode_body(body: bytes, encoding: str | None, limit: int) -> bytes:
    """Undo gzip/deflate Content-Encoding without letting a small bomb grow past `limit`."""
    if not encoding or encoding.strip().lower() == "identity":
        return body
    kind = encoding.strip().lower()
    if kind not in ("gzip", "deflate"):
        raise ProtocolError(415, f"Content-Encoding '{shown(encoding, 40)}' is not supported "
                                 "(use gzip or deflate, or none)")
    decompressor = zlib.decompressobj(wbits=31 if kind == "gzip" else 15)
    try:
        out = decompressor.decompress(body, limit + 1)
    except zlib.error as exc:
        raise bad_request(f"the {kind} request body could not be decompressed: {exc}") from None
    if len(out) > limit or decompressor.unconsumed_tail:
        raise ProtocolError(413, f"the decompressed request body is larger than the limit of "
                                 f"{limit} bytes")
    if not decompressor.eof:
        raise bad_request(f"the {kind} request body is cut short (its compressed stream does "
                          "not end)")
    if decompressor.unused_data:
        raise bad_request(f"the {kind} request body has {len(decompressor.unused_data)} bytes "
                          "after the end of its compressed stream")
    return out


def _split(body: bytes, header_length: str | None) -> tuple[bytes, memoryview]:
    if header_length is None:
        return body, memoryview(b"")
    text = header_length.strip()
    # int() alone would take '1_000', '+5' and ' 7 ', and refuses 5,000 digits with ValueError
    if not text.isascii() or not text.isdigit() or len(text) > 19:
        raise bad_request(f"{HEADER_LENGTH} must be a number of bytes, not "
                          f"'{shown(header_length, 40)}'")
    length = int(text)
    if not 0 <= length <= len(body):
        raise bad_request(f"{HEADER_LENGTH} is {length} but the body has only {len(body)} bytes")
    view = memoryview(body)
    return bytes(view[:length]), view[length:]


def _load_json(text: bytes) -> dict[str, Any]:
    try:
        document = json.loads(text)
    except (UnicodeDecodeError, ValueError) as exc:
        raise bad_request(f"the request is not valid JSON: {exc}") from None
    except RecursionError:
        raise bad_request("the request is not valid JSON: it is nested too deeply") from None
    if not isinstance(document, dict):
        raise bad_request("the request must be a JSON object with an 'inputs' list")
    return document


def _parameters(item: Mapping[str, Any], where: str) -> dict[str, Any]:
    """The protocol's parameters: an object of string, number or true/false values."""
    parameters = item.get("parameters")
    if parameters is None:
        return {}
    if not isinstance(parameters, dict):
        raise bad_request(f"{where}: 'parameters' must be an object")
    for key, value in parameters.items():
        _text(key, where, "a parameter name")
        what = f"parameter '{shown(key)}'"
        if isinstance(value, str):
            _text(value, where, what)
        elif isinstance(value, float) and not math.isfinite(value):
            raise bad_request(f"{where}: {what} must be a finite number")
        elif not isinstance(value, bool | int | float):
            raise bad_request(f"{where}: {what} must be a string, a number or true/false, not "
                              f"{_kind(value)}")
    if any(key in parameters for key in SHARED_MEMORY_KEYS):
        raise bad_request(f"{where}: shared memory is not supported by this server; send the "
                          "data in the request (JSON or binary)")
    return parameters


def _shape(value: Any, where: str) -> tuple[int, ...]:
    if not isinstance(value, list) or not all(
            isinstance(d, int) and not isinstance(d, bool) for d in value):
        raise bad_request(f"{where}: 'shape' must be a list of integers")
    if len(value) > MAX_RANK:
        raise bad_request(f"{where}: shape has {len(value)} dimensions; at most {MAX_RANK} are "
                          "supported")
    if any(d < 0 for d in value):
        raise bad_request(f"{where}: shape {shown(value, 200)} has a negative dimension")
    if any(d > MAX_ELEMENTS for d in value) or math.prod(value) > MAX_ELEMENTS:
        raise bad_request(f"{where}: shape {shown(value, 200)} is too large (at most "
                          f"{MAX_ELEMENTS} elements)")
    return tuple(value)


def _deserialize_bytes(raw: memoryview, count: int, where: str) -> np.ndarray:
    """BYTES in binary form: each element is a 4-byte little-endian length, then the bytes."""
    if count * 4 > len(raw):  # every element has at least its 4-byte length
        raise bad_request(f"{where}: {len(raw)} bytes of BYTES data cannot hold the {count} "
                          "elements the shape needs")
    items: list[bytes] = []
    offset = 0
    while offset < len(raw) and len(items) <= count:
        if offset + 4 > len(raw):
            raise bad_request(f"{where}: BYTES data ends inside an element's length")
        (length,) = struct.unpack_from("<I", raw, offset)
        offset += 4
        if offset + length > len(raw):
            raise bad_request(f"{where}: BYTES element runs past the end of its data")
        items.append(bytes(raw[offset:offset + length]))
        offset += length
    if len(items) != count or offset != len(raw):
        given = f"more than {count}" if len(items) > count else str(len(items))
        raise bad_request(f"{where}: {given} BYTES elements given but the shape needs "
                          f"{count}")
    return np.array(items, dtype=object)


def _json_strings(data: Any, where: str) -> np.ndarray:
    """BYTES in JSON: strings only (flat or nested), each sent on as its UTF-8 bytes."""
    flat: list[bytes] = []
    stack = [iter(data if isinstance(data, list) else [data])]
    while stack:  # iterative: JSON may nest as deep as its parser allows
        for value in stack[-1]:
            if isinstance(value, list):
                stack.append(iter(value))
                break
            if not isinstance(value, str):
                raise bad_request(f"{where}: BYTES data must be strings, not "
                                  f"{type(value).__name__} values")
            try:
                flat.append(value.encode())
            except UnicodeEncodeError:
                _text(value, where, f"BYTES element {len(flat) + 1}")
        else:
            stack.pop()
    array = np.empty(len(flat), dtype=object)
    array[:] = flat
    return array


def _json_array(data: Any, datatype: str, count: int, where: str) -> np.ndarray:
    """JSON numbers as `datatype`, refusing what numpy would quietly coerce: strings ('1.5',
    'false' -> True), null (-> NaN), true/false as numbers, fractions or out-of-range values
    for integer types. Nested lists are read row-major, as Triton does."""
    if datatype == "BYTES":
        array = _json_strings(data, where)
    else:
        try:
            inferred = np.array(data if isinstance(data, list) else [data])
        except (TypeError, ValueError, OverflowError, RecursionError):
            raise bad_request(f"{where}: 'data' must be a list of {datatype} values, flat or "
                              "nested as the shape") from None
        dtype = np.dtype(DATATYPES[datatype])
        kind = inferred.dtype.kind
        if kind == "f" and not bool(np.isfinite(inferred).all()):
            raise bad_request(f"{where}: JSON numbers must be finite; NaN, Infinity and "
                              "numbers beyond the double range (such as 1e400) are not valid "
                              "JSON (send such values in the binary form)")
        if inferred.size:
            if dtype.kind == "b":
                allowed, wanted = "b", "true/false"
            elif dtype.kind in "iu":
                allowed, wanted = "iu", "integers"
            else:
                allowed, wanted = "iuf", "numbers"
            if kind not in allowed:
                found = {"b": "true/false", "U": "strings", "S": "strings", "f": "fractions",
                         "O": "null, nested objects or integers too large"}.get(kind, kind)
                if kind == "f" and bool(np.all(np.isfinite(inferred))) and bool(
                        np.all(inferred == np.round(inferred))):
                    found = "integers too large for one type"  # e.g. -1 beside 2**64 - 1
                raise bad_request(f"{where}: {datatype} data must be {wanted}, but it holds "
                                  f"{found}")
            if dtype.kind in "iu":
                info = np.iinfo(dtype)
                low, high = int(inferred.min()), int(inferred.max())
                if low < info.min or high > info.max:
                    raise bad_request(f"{where}: {datatype} values must lie in [{info.min}, "
                                      f"{info.max}]; got {low if low < info.min else high}")
        with np.errstate(over="ignore", invalid="ignore"):
            array = inferred.astype(dtype, copy=False)
        if dtype.kind == "f" and not bool(np.isfinite(array).all()):  # finite, yet too large
            raise bad_request(f"{where}: a value is out of range for {datatype} (largest "
                              f"finite value {float(np.finfo(dtype).max):.7g})")
    if array.size != count:
        raise bad_request(f"{where}: 'data' has {array.size} values but the shape needs {count}")
    return array


def parse_infer_request(body: bytes, header_length: str | None) -> InferRequest:
    """Decode a request into arrays; checks the protocol, not the model (see check_inputs)."""
    head, binary = _split(body, header_length)
    document = _load_json(head)
    raw_inputs = document.get("inputs")
    if not isinstance(raw_inputs, list) or not raw_inputs:
        raise bad_request("the request needs a non-empty 'inputs' list")
    request_parameters = _parameters(document, "request")
    inputs: dict[str, np.ndarray] = {}
    datatypes: dict[str, str] = {}
    offset = 0
    for index, item in enumerate(raw_inputs):
        name = _name(item, f"input #{index + 1}")
        where = f"input '{shown(name)}'"
        if name in inputs:
            raise bad_request(f"{where} is given twice")
        datatype = item.get("datatype")
        if datatype == "BF16":
            raise bad_request(f"{where}: BF16 is not supported by this server")
        if not isinstance(datatype, str) or datatype not in DATATYPES:
            given = (repr(shown(datatype)) if isinstance(datatype, str)
                     else f"({_kind(datatype)})")
            raise bad_request(f"{where}: unknown datatype {given}; use one of "
                              f"{', '.join(DATATYPES)}")
        shape = _shape(item.get("shape"), where)
        count = math.prod(shape)
        parameters = _parameters(item, where)
        size = parameters.get("binary_data_size")
        if size is not None:
            if not isinstance(size, int) or isinstance(size, bool) or size < 0:
                raise bad_request(f"{where}: binary_data_size must be a non-negative integer")
            if "data" in item:
                raise bad_request(f"{where} has both 'data' and binary_data_size")
            if offset + size > len(binary):
                raise bad_request(f"{where}: binary_data_size {shown(size, 20)} runs past the "
                                  f"end of the "
                                  f"request body ({len(binary) - offset} bytes left; is "
                                  f"{HEADER_LENGTH} right?)")
            raw = binary[offset:offset + size]
            offset += size
            if datatype == "BYTES":
                array = _deserialize_bytes(raw, count, where)
            else:
                dtype = np.dtype(DATATYPES[datatype])
                if size != count * dtype.itemsize:
                    raise bad_request(f"{where}: binary_data_size is {size} bytes but shape "
                                      f"{list(shape)} of {datatype} needs "
                                      f"{count * dtype.itemsize}")
                array = np.frombuffer(raw, dtype=dtype).copy()
        else:
            if "data" not in item:
                raise bad_request(f"{where} has neither 'data' nor binary_data_size")
            array = _json_array(item["data"], datatype, count, where)
        inputs[name] = array.reshape(shape)
        datatypes[name] = datatype
    if offset != len(binary):
        raise bad_request(f"the request body has {len(binary) - offset} bytes of binary data "
                          "that no input claims")
    binary_output = _flag(request_parameters, "binary_data_output", False, "request")
    outputs = _requested_outputs(document.get("outputs"), binary_output)
    request_id = document.get("id")
    if request_id is not None and (not isinstance(request_id, str | int)
                                   or isinstance(request_id, bool)):
        raise bad_request("'id' must be a string")
    if isinstance(request_id, str):
        _text(request_id, "request", "'id'")
    return InferRequest(str(request_id) if request_id is not None else None, inputs, datatypes,
                        outputs, binary_output, request_parameters)


def _flag(parameters: Mapping[str, Any], name: str, default: bool, where: str) -> bool:
    """A boolean parameter; a string such as "false" would otherwise count as true."""
    value = parameters.get(name, default)
    if not isinstance(value, bool):
        raise bad_request(f"{where}: {name} must be true or false")
    return value


def _requested_outputs(raw: Any, binary_default: bool) -> list[RequestedOutput] | None:
    if raw is None:
        return None
    if not isinstance(raw, list):
        raise bad_request("'outputs' must be a list")
    outputs: list[RequestedOutput] = []
    for index, item in enumerate(raw):
        name = _name(item, f"output #{index + 1}")
        where = f"output '{shown(name)}'"
        if any(output.name == name for output in outputs):
            raise bad_request(f"{where} is requested twice")
        parameters = _parameters(item, where)
        classes = parameters.get("classification", 0)
        if not isinstance(classes, int) or isinstance(classes, bool) or classes < 0:
            raise bad_request(f"{where}: classification must be a non-negative integer")
        outputs.append(RequestedOutput(name, _flag(parameters, "binary_data", binary_default,
                                                   where), classes))
    return outputs


def check_inputs(request: InferRequest, specs: Sequence[Any], batchable: bool,
                 max_batch: int) -> None:
    """The request's tensors against the model's inputs (engines.base.TensorSpec): names,
    datatypes, ranks, fixed dimensions, and one shared first dimension when batching."""
    expected = {spec.name: spec for spec in specs}
    unknown = [name for name in request.inputs if name not in expected]
    if unknown:
        raise bad_request(f"unknown input '{shown(unknown[0])}'; the model takes "
                          f"{', '.join(expected)}")
    missing = [name for name in expected if name not in request.inputs]
    if missing:
        raise bad_request(f"missing input '{missing[0]}'; the model takes "
                          f"{', '.join(expected)}")
    rows: set[int] = set()
    for name, array in request.inputs.items():
        spec = expected[name]
        want = datatype_of(spec.dtype)
        if request.datatypes[name] != want:
            raise bad_request(f"input '{name}' has datatype {request.datatypes[name]} but the "
                              f"model expects {want}")
        if array.ndim != len(spec.shape):
            raise bad_request(f"input '{name}' has shape {list(array.shape)} but the model "
                              f"expects {wire_shape(spec.shape)}")
        for got, dim in zip(array.shape, spec.shape, strict=True):
            if isinstance(dim, int) and dim >= 0 and got != dim:
                raise bad_request(f"input '{name}' has shape {list(array.shape)} but the model "
                                  f"expects {wire_shape(spec.shape)}")
        if array.ndim:
            rows.add(int(array.shape[0]))
    if batchable and len(rows) > 1:
        raise bad_request(f"the inputs disagree on the batch dimension ({sorted(rows)})")
    if batchable and rows and max(rows) == 0:
        raise bad_request("the batch dimension is 0: send at least one row")


def check_outputs(request: InferRequest, names: Sequence[str]) -> None:
    for output in request.outputs or ():
        if output.name not in names:
            raise bad_request(f"unknown output '{shown(output.name)}'; the model gives "
                              f"{', '.join(names)}")


# -- responses --------------------------------------------------------------------------------


def _serialize_bytes(array: np.ndarray) -> bytes:
    parts = []
    for item in array.ravel():
        raw = item if isinstance(item, bytes) else str(item).encode()
        parts.append(struct.pack("<I", len(raw)))
        parts.append(raw)
    return b"".join(parts)


def _json_data(model: str, name: str, array: np.ndarray) -> list[Any]:
    """An output as JSON values; NaN and Infinity have no JSON form (RFC 8259), so an output
    holding them is refused here rather than sent as invalid JSON."""
    if array.dtype == object:
        return [(v if isinstance(v, bytes) else str(v).encode("utf-8", "replace"))
                .decode("utf-8", "replace") for v in array.ravel()]
    if array.dtype.kind in "fc" and not bool(np.isfinite(array).all()):
        raise ProtocolError(500, f"model '{shown(model)}' produced non-finite values (NaN or "
                                 f"Infinity) in output '{shown(name)}', which JSON cannot "
                                 "carry; ask for this output in binary form "
                                 "(\"parameters\": {\"binary_data\": true})")
    return array.ravel().tolist()


def classify(array: np.ndarray, k: int, labels: Sequence[str] | None) -> np.ndarray:
    """Triton's classification extension: the top k of the last axis as 'score:index[:label]'
    strings, shape [batch, k] (or [k] for a vector)."""
    if array.ndim not in (1, 2) or array.dtype == object:
        raise bad_request("classification needs a numeric output of shape [classes] or "
                          "[batch, classes]")
    matrix = array.reshape(1, -1) if array.ndim == 1 else array
    k = min(k, matrix.shape[1])
    order = np.argsort(-matrix, axis=1, kind="stable")[:, :k]
    rows = []
    for row, indices in zip(matrix, order, strict=True):
        cells = []
        for index in indices:
            text = f"{float(row[index]):.6g}:{int(index)}"
            if labels and index < len(labels):
                text += f":{labels[index]}"
            cells.append(text.encode())
        rows.append(cells)
    result = np.array(rows, dtype=object)
    return result[0] if array.ndim == 1 else result


def encode_infer_response(model: str, version: int, request: InferRequest,
                          outputs: Mapping[str, np.ndarray],
                          labels: Sequence[str] | None = None) -> tuple[bytes, dict[str, str]]:
    """The response body and its headers (binary outputs after the JSON header)."""
    wanted = request.outputs if request.outputs is not None else [
        RequestedOutput(name, request.binary_output) for name in outputs]
    documents = []
    chunks: list[bytes] = []
    for output in wanted:
        array = outputs[output.name]
        if output.classification:
            array = classify(array, output.classification, labels)
        datatype = datatype_of(array.dtype.name) if array.dtype != object else "BYTES"
        document: dict[str, Any] = {"name": output.name, "datatype": datatype,
                                    "shape": list(array.shape)}
        if output.binary:
            raw = (_serialize_bytes(array) if datatype == "BYTES"
                   else np.ascontiguousarray(array).tobytes())
            document["parameters"] = {"binary_data_size": len(raw)}
            chunks.append(raw)
        else:
            document["data"] = _json_data(model, output.name, array)
        documents.append(document)
    head: dict[str, Any] = {"model_name": model, "model_version": str(version),
                            "outputs": documents}
    if request.id is not None:
        head["id"] = request.id
    header = json.dumps(head, separators=(",", ":"), allow_nan=False).encode()
    if not chunks:
        return header, {"content-type": JSON_TYPE}
    return header + b"".join(chunks), {"content-type": BINARY_TYPE,
                                       HEADER_LENGTH: str(len(header))}


def tensor_metadata(specs: Iterable[Any]) -> list[dict[str, Any]]:
    return [{"name": spec.name, "datatype": datatype_of(spec.dtype),
             "shape": wire_shape(spec.shape)} for spec in specs]


def triton_config(name: str, inputs: Sequence[Any], outputs: Sequence[Any], batchable: bool,
                  max_batch: int, delay_us: int, platform: str = "onnxruntime_onnx",
                  backend: str = "onnxruntime") -> dict[str, Any]:
    """Triton's model configuration: with batching, dims leave out the batch dimension."""
    def tensors(specs: Sequence[Any]) -> list[dict[str, Any]]:
        return [{"name": s.name, "data_type": "TYPE_" + ("STRING" if s.dtype == "object"
                                                         else datatype_of(s.dtype)),
                 "dims": wire_shape(s.shape[1:] if batchable else s.shape)} for s in specs]

    config: dict[str, Any] = {"name": name, "platform": platform, "backend": backend,
                              "max_batch_size": max_batch if batchable else 0,
                              "input": tensors(inputs), "output": tensors(outputs)}
    if batchable:
        config["dynamic_batching"] = {"max_queue_delay_microseconds": delay_us}
    return config

