"""The pinned sentence encoder: meaning as a vector, for stories and claims.

    from storyline.encode import load_encoder
    vectors = load_encoder().encode(["China and Canada agree not to hack each other"])

resources.py  where the pinned model and tokenizer files are, checked by version and hash
encoder.py    SentenceEncoder: all-MiniLM-L6-v2 (int8 ONNX) run with onnxruntime + tokenizers
static.py     StaticEncoder: the same model distilled to one vector per vocabulary token,
              about a hundred times cheaper, for passes over every report
"""

from storyline.encode.encoder import SentenceEncoder, load_encoder
from storyline.encode.resources import ENCODER_ID, EncoderFiles, locate_encoder_files
from storyline.encode.static import StaticEncoder, load_static_encoder

__all__ = [
    "ENCODER_ID",
    "EncoderFiles",
    "SentenceEncoder",
    "StaticEncoder",
    "load_encoder",
    "load_static_encoder",
    "locate_encoder_files",
]
