"""A local S3-compatible server (moto) and the settings that put media on it."""

import uuid

import boto3
from moto.server import ThreadedMotoServer

from django.core.files.storage import storages

from gallery.models import NewsRendition
from tests.ports import free_port

REGION = "us-east-1"
KEYS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}


class S3Server:
    def __init__(self):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = ThreadedMotoServer(ip_address="127.0.0.1", port=self.port, verbose=False)

    def start(self):
        self.server.start()
        return self

    def stop(self):
        self.server.stop()


def use_bucket(settings, monkeypatch, endpoint):
    """Create a bucket and store originals and renditions in it, as base.py configures
    S3: private originals, public renditions. Returns a function listing its keys."""
    name = f"press-{uuid.uuid4().hex[:12]}"
    client = boto3.client("s3", endpoint_url=endpoint, region_name=REGION, **KEYS)
    client.create_bucket(Bucket=name)
    options = {
        "bucket_name": name,
        "endpoint_url": endpoint,
        "region_name": REGION,
        "access_key": KEYS["aws_access_key_id"],
        "secret_key": KEYS["aws_secret_access_key"],
        "default_acl": None,
        "file_overwrite": False,
    }
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {**options, "querystring_auth": True},
        },
        "renditions": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {**options, "querystring_auth": False, "default_acl": "public-read"},
        },
    }
    settings.WAGTAILIMAGES_RENDITION_STORAGE = "renditions"
    # The rendition field picked its storage when the model was loaded.
    monkeypatch.setattr(NewsRendition._meta.get_field("file"), "storage", storages["renditions"])

    def keys(prefix=""):
        listing = client.list_objects_v2(Bucket=name, Prefix=prefix)
        return sorted(item["Key"] for item in listing.get("Contents", []))

    return keys
