"""TLS is verified: a platform whose certificate the kiosk cannot trust is refused (and the
status bar says so); naming its CA in `platform.ca_bundle` makes it trusted."""

from __future__ import annotations

import datetime
import ipaddress
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from kiosk.platform.api import PlatformApi
from kiosk.platform.errors import PlatformUnavailable
from kiosk.platform_server import fleet
from kiosk.platform_server.runner import ServerThread
from kiosk.platform_server.store import Settings


def self_signed(folder: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "zwfw test platform")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(minutes=5))
            .not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_file, key_file = folder / "cert.pem", folder / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_file, key_file


def test_the_platform_certificate_is_verified(tmp_path):
    cert, key = self_signed(tmp_path)
    server = ServerThread(Settings(db_url=f"sqlite:///{tmp_path / 'p.sqlite'}"),
                          tls=(cert, key)).start()
    try:
        assert server.url.startswith("https://")
        store = server.store
        creds = store.transaction(fleet.register, store, "BK-TLS-001", None, "tls")
        from kiosk.platform.client import Credentials

        credentials = Credentials("BK-TLS-001", creds.secret_key.encode())
        states: list[str] = []
        untrusting = PlatformApi(server.url, credentials, retries=0, on_link=states.append)
        with pytest.raises(PlatformUnavailable) as caught:
            untrusting.hall()
        assert states == ["tls_error"] and "证书" in caught.value.message_zh
        trusting = PlatformApi(server.url, credentials, ca_bundle=str(cert))
        assert trusting.hall().name == "保康县政务服务中心"
        trusting.close()
        untrusting.close()
    finally:
        server.stop()
