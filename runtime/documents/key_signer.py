"""pyHanko's SimpleSigner for one department key, kept for the life of the process, with the two costs
that do not change between signatures paid once (bench/bench_signing.py):

- the private key is loaded once: SimpleSigner.sign_raw re-parses the PKCS#8 key for every signature,
  which for RSA includes checking the key (29 ms for RSA-2048, 90 ms for RSA-3072 — most CA-issued
  document-signing certificates are RSA);
- the signed attributes are built once: for a PAdES signature they are the content type, the
  signing-certificate-v2 reference (a hash of the certificate and its issuer and serial) and the message
  digest, and only the digest changes between documents. asn1crypto built and re-encoded them in
  ~7 ms per signature; now the constant ones are copied from their DER encoding.

Anything else (another mechanism, attributes that vary such as a signing time or a content timestamp)
takes pyHanko's own path unchanged."""
from __future__ import annotations

from asn1crypto import cms
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding
from pyhanko.sign.general import get_pyca_cryptography_hash, simple_cms_attribute
from pyhanko.sign.signers import SimpleSigner

# the signed attributes that stay the same for every signature with the same key and digest algorithm
_CONSTANT_ATTRIBUTES = {"content_type", "signing_certificate_v2", "cms_algorithm_protection"}


class KeySigner(SimpleSigner):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._private_key = serialization.load_der_private_key(self.signing_key.dump(), password=None)
        self._attribute_templates: dict[tuple, list[bytes | None]] = {}

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        mechanism = self.get_signature_mechanism_for_digest(digest_algorithm).signature_algo
        hash_algorithm = get_pyca_cryptography_hash(digest_algorithm)
        if mechanism == "ecdsa":
            return self._private_key.sign(data, ec.ECDSA(hash_algorithm))
        if mechanism == "rsassa_pkcs1v15":
            return self._private_key.sign(data, padding.PKCS1v15(), hash_algorithm)
        return super().sign_raw(data, digest_algorithm)   # e.g. RSASSA-PSS: pyHanko's parameter handling

    async def signed_attrs(self, data_digest: bytes, digest_algorithm: str, attr_settings=None, **kwargs):
        settings = (None if attr_settings is None else
                    (repr(attr_settings.cades_signed_attrs), repr(attr_settings.adobe_revinfo_attr)))
        key = (digest_algorithm, settings, kwargs.get("timestamper") is not None,
               *sorted((k, repr(v)) for k, v in kwargs.items() if k != "timestamper"))
        template = self._attribute_templates.get(key)
        if template is None:
            attrs = await super().signed_attrs(data_digest, digest_algorithm, attr_settings=attr_settings, **kwargs)
            types = [attr["type"].native for attr in attrs]
            if "message_digest" in types and set(types) <= _CONSTANT_ATTRIBUTES | {"message_digest"}:
                self._attribute_templates[key] = [None if t == "message_digest" else attr.dump()
                                                  for t, attr in zip(types, attrs)]
            # re-read from DER: pyHanko copies the attributes into the SignerInfo, and asn1crypto copies a
            # freshly built value by deep-copying every parsed child (a third of the remaining cost)
            return cms.CMSAttributes.load(attrs.dump())
        digest = simple_cms_attribute("message_digest", data_digest).dump()
        return cms.CMSAttributes([cms.CMSAttribute.load(digest if part is None else part) for part in template])
