"""A passkey in software, for tests that go through the server without a
browser: it answers the options allauth puts on the page as a platform
authenticator would (a discoverable ES256 key, user present and verified,
"none" attestation), so fido2 checks real signatures."""

import json
import os
import re
from html import unescape

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from fido2.cose import ES256
from fido2.utils import sha256, websafe_decode, websafe_encode
from fido2.webauthn import (
    Aaguid,
    AttestationObject,
    AttestedCredentialData,
    AuthenticatorData,
    CollectedClientData,
)

FLAGS = AuthenticatorData.FLAG


def js_data(html):
    """The options a page hands allauth's webauthn.js (<script id="js_data">)."""
    match = re.search(r'<script id="js_data" type="application/json">(.*?)</script>', html, re.S)
    return json.loads(unescape(match.group(1)))


class SoftPasskey:
    def __init__(self, rp_id="localhost", origin="http://localhost"):
        self.rp_id = rp_id
        self.origin = origin
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.credential_id = os.urandom(32)
        self.user_handle = None
        self.counter = 0

    def create(self, creation_options, user_verified=True):
        """navigator.credentials.create(): the credential as webauthn-json sends it."""
        options = creation_options["publicKey"]
        assert options["rp"]["id"] == self.rp_id, options["rp"]
        self.user_handle = options["user"]["id"]
        client_data = CollectedClientData.create(
            type="webauthn.create", challenge=options["challenge"], origin=self.origin
        )
        credential_data = AttestedCredentialData.create(
            Aaguid.NONE, self.credential_id, ES256.from_cryptography_key(self.key.public_key())
        )
        flags = FLAGS.UP | FLAGS.AT | (FLAGS.UV if user_verified else 0)
        auth_data = AuthenticatorData.create(
            sha256(self.rp_id.encode()), flags, self.counter, credential_data
        )
        attestation = AttestationObject.create("none", auth_data, {})
        credential_id = websafe_encode(self.credential_id)
        return {
            "id": credential_id,
            "rawId": credential_id,
            "type": "public-key",
            "response": {
                "clientDataJSON": websafe_encode(client_data),
                "attestationObject": websafe_encode(attestation),
            },
            "clientExtensionResults": {"credProps": {"rk": True}},
        }

    def get(self, request_options, user_verified=True):
        """navigator.credentials.get(): the assertion as webauthn-json sends it."""
        options = request_options["publicKey"]
        allowed = [websafe_decode(c["id"]) for c in options.get("allowCredentials") or []]
        assert not allowed or self.credential_id in allowed
        self.counter += 1
        client_data = CollectedClientData.create(
            type="webauthn.get", challenge=options["challenge"], origin=self.origin
        )
        flags = FLAGS.UP | (FLAGS.UV if user_verified else 0)
        auth_data = AuthenticatorData.create(sha256(self.rp_id.encode()), flags, self.counter)
        signature = self.key.sign(auth_data + client_data.hash, ec.ECDSA(hashes.SHA256()))
        credential_id = websafe_encode(self.credential_id)
        return {
            "id": credential_id,
            "rawId": credential_id,
            "type": "public-key",
            "response": {
                "clientDataJSON": websafe_encode(client_data),
                "authenticatorData": websafe_encode(auth_data),
                "signature": websafe_encode(signature),
                "userHandle": self.user_handle,
            },
            "clientExtensionResults": {},
        }


def give_passkey(user, name="Mobilen", rp_id="localhost", origin="http://localhost"):
    """A passkey for `user`, stored as adding one would store it. Returns the
    SoftPasskey that holds its private key."""
    from allauth.account.utils import user_pk_to_url_str
    from allauth.mfa.webauthn.internal.auth import WebAuthn

    passkey = SoftPasskey(rp_id=rp_id, origin=origin)
    options = {
        "publicKey": {
            "rp": {"id": rp_id},
            "user": {"id": websafe_encode(user_pk_to_url_str(user).encode())},
            "challenge": websafe_encode(os.urandom(32)),
        }
    }
    passkey.authenticator = WebAuthn.add(user, name, passkey.create(options)).instance
    return passkey
