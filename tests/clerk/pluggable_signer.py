"""A stand-in for another signing step (e.g. a GB/T 38540 seal server), configured as
YIWANG_DOCUMENT_SIGNER = "tests.clerk.pluggable_signer:factory": it records what it was given and
returns pyHanko's signature, so the rest of the register sees a real signed document."""
from runtime.documents.signing import PadesSigner

CALLS: list = []


def factory(config):
    pades = PadesSigner()

    def sign(pdf, key, seal, seal_image):
        CALLS.append({"config": config.get("YIWANG_PUBLIC_URL"), "pdf": pdf, "key_id": key.key_id, "seal": seal,
                      "seal_image": seal_image})
        return pades(pdf, key, seal, seal_image)
    return sign
