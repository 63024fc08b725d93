#!/usr/bin/env python3
"""boto3 interop scenario against the Connect Views stub.

Usage: python3 test/interop/boto3_scenario.py <endpoint_url> <instance_id>

Drives a full view life cycle through boto3/botocore (its own serializer, signer, rest-json parser, error
parser and paginator), checks every step, and prints ONE line of JSON observations on stdout at the end.
Any failed check exits 1 with a message on stderr. Credentials and region come from the environment
(dummy values; the stub does not verify signatures unless told to). No network: the endpoint is loopback.
"""
import datetime
import json
import secrets
import sys

import boto3
import botocore
from botocore.config import Config
from botocore.exceptions import ClientError

STEP = ["start"]


class CheckFailed(Exception):
    pass


def check(cond, msg):
    """Like assert, but survives `python -O` and names the step."""
    if not cond:
        raise CheckFailed(f"[{STEP[0]}] {msg}")


def step(name):
    STEP[0] = name


def ts(value, what):
    """botocore must have parsed the wire timestamp (epoch seconds) into an aware datetime."""
    check(isinstance(value, datetime.datetime), f"{what} is {type(value).__name__}, not datetime: {value!r}")
    check(value.tzinfo is not None, f"{what} is a naive datetime: {value!r}")
    return {
        "type": type(value).__name__,
        "aware": value.tzinfo is not None,
        "epoch": value.timestamp(),
        "iso": value.astimezone(datetime.timezone.utc).isoformat(),
    }


TIMESTAMP_MEMBERS = ("CreatedTime", "LastModifiedTime")


def wire_timestamp_recorder(seen):
    """A before-parse hook: notes the raw JSON type of every timestamp member before botocore parses it."""

    def walk(node):
        if isinstance(node, dict):
            for k, v in node.items():
                if k in TIMESTAMP_MEMBERS:
                    seen[type(v).__name__] = seen.get(type(v).__name__, 0) + 1
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    def hook(response_dict, **_):
        body = response_dict.get("body") or b""
        try:
            walk(json.loads(body))
        except ValueError:
            seen["<unparseable body>"] = seen.get("<unparseable body>", 0) + 1

    return hook


def client_error(fn, **kwargs):
    """Runs a call that must fail with a ClientError; returns (code, status, message)."""
    try:
        fn(**kwargs)
    except ClientError as e:
        err = e.response.get("Error", {})
        status = e.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
        return {"code": err.get("Code"), "status": status, "message": err.get("Message")}
    raise CheckFailed(f"[{STEP[0]}] {fn.__name__} should have raised ClientError")


def main(endpoint, instance):
    client = boto3.client(
        "connect",
        endpoint_url=endpoint,
        region_name="us-east-1",
        config=Config(retries={"max_attempts": 1}, connect_timeout=5, read_timeout=10),
    )
    wire_ts_types = {}
    client.meta.events.register("before-parse.connect.*", wire_timestamp_recorder(wire_ts_types))
    obs = {"boto3": boto3.__version__, "botocore": botocore.__version__, "timestamps": {}, "wireTimestampTypes": wire_ts_types}
    template1 = json.dumps({"Head": {"Title": "Interop"}, "Body": [{"_id": "b1", "Type": "Button", "Props": {"Action": "Go"}, "Content": []}]})
    template2 = json.dumps({"Head": {"Title": "Interop v2"}, "Body": []})

    step("CreateView")
    created = client.create_view(
        InstanceId=instance,
        Name="boto3 interop view",
        Description="made by boto3",
        Status="PUBLISHED",
        Content={"Template": template1, "Actions": ["Go"]},
        Tags={"origin": "boto3"},
    )["View"]
    view_id, view_arn, sha1 = created["Id"], created["Arn"], created.get("ViewContentSha256")
    check(created["Status"] == "PUBLISHED", f"Status {created['Status']}")
    check(created["Type"] == "CUSTOMER_MANAGED", f"Type {created['Type']}")
    check(view_arn.endswith(f"/view/{view_id}"), f"Arn {view_arn}")
    check(isinstance(sha1, str) and len(sha1) == 64, f"ViewContentSha256 {sha1!r}")
    check(created["Content"]["Template"] == template1, "Content.Template round trip")
    obs["timestamps"]["create.CreatedTime"] = ts(created["CreatedTime"], "CreatedTime")
    obs["timestamps"]["create.LastModifiedTime"] = ts(created["LastModifiedTime"], "LastModifiedTime")
    obs["view"] = {"id": view_id, "arn": view_arn, "sha256_len": len(sha1), "create_version": created.get("Version")}

    step("CreateViewVersion")
    v1 = client.create_view_version(InstanceId=instance, ViewId=view_id, ViewContentSha256=sha1, VersionDescription="first")["View"]
    check(v1.get("Version") == 1, f"first publish Version {v1.get('Version')}")
    check(v1["Arn"] == f"{view_arn}:1", f"version Arn {v1['Arn']}")
    check(v1.get("VersionDescription") == "first", f"VersionDescription {v1.get('VersionDescription')!r}")
    obs["timestamps"]["publish1.LastModifiedTime"] = ts(v1["LastModifiedTime"], "LastModifiedTime")
    obs["publish1"] = {"version": v1["Version"], "arn": v1["Arn"], "status": v1["Status"]}

    step("CreateViewVersion (no change)")
    again = client.create_view_version(InstanceId=instance, ViewId=view_id)["View"]
    check(again.get("Version") == 1, f"no-change publish Version {again.get('Version')}")
    obs["noChangePublish"] = {"version": again["Version"]}

    step("CreateViewVersion (checksum conflict)")
    random_sha = secrets.token_hex(32)
    check(random_sha != sha1, "random checksum collided")
    conflict = client_error(client.create_view_version, InstanceId=instance, ViewId=view_id, ViewContentSha256=random_sha)
    check(isinstance(conflict["status"], int) and 400 <= conflict["status"] < 500, f"status {conflict['status']}")
    check(bool(conflict["code"]) and conflict["code"] != str(conflict["status"]), f"code {conflict['code']!r}")
    check(bool(conflict["message"]), "conflict error has no message")
    obs["checksumConflict"] = conflict

    step("DescribeView (qualified)")
    described = {}
    for label, ref in [
        ("bare", view_id),
        ("1", f"{view_id}:1"),
        ("$LATEST", f"{view_id}:$LATEST"),
        ("$SAVED", f"{view_id}:$SAVED"),
        ("arn:1", f"{view_arn}:1"),
        ("arn", view_arn),
    ]:
        v = client.describe_view(InstanceId=instance, ViewId=ref)["View"]
        check(v["Id"] == view_id, f"{label}: Id {v['Id']}")
        check(v["Content"]["Template"] == template1, f"{label}: Template")
        described[label] = {"version": v.get("Version"), "status": v["Status"], "arn": v["Arn"], "sha256": v.get("ViewContentSha256") == sha1}
        obs["timestamps"][f"describe[{label}].CreatedTime"] = ts(v["CreatedTime"], f"{label}: CreatedTime")
    check(described["1"]["version"] == 1 and described["arn:1"]["version"] == 1, "numbered describe Version")
    check(described["arn:1"]["arn"] == f"{view_arn}:1", "ARN-qualified describe Arn")
    check(described["$LATEST"]["status"] == "PUBLISHED", "$LATEST status")
    obs["describe"] = described

    step("UpdateViewContent")
    updated = client.update_view_content(InstanceId=instance, ViewId=view_id, Status="PUBLISHED", Content={"Template": template2, "Actions": []})["View"]
    check(updated["Content"]["Template"] == template2, "updated Template")
    latest = client.describe_view(InstanceId=instance, ViewId=f"{view_id}:$LATEST")["View"]
    sha2 = latest.get("ViewContentSha256")
    check(isinstance(sha2, str) and len(sha2) == 64 and sha2 != sha1, f"checksum after update {sha2!r} (before {sha1})")
    obs["timestamps"]["update.LastModifiedTime"] = ts(updated["LastModifiedTime"], "LastModifiedTime")

    step("CreateViewVersion (stale checksum)")
    stale = client_error(client.create_view_version, InstanceId=instance, ViewId=view_id, ViewContentSha256=sha1)
    check(stale["code"] == conflict["code"] and stale["status"] == conflict["status"], f"stale conflict {stale} vs {conflict}")
    obs["staleConflict"] = stale

    step("CreateViewVersion (second)")
    v2 = client.create_view_version(InstanceId=instance, ViewId=view_id, ViewContentSha256=sha2, VersionDescription="second")["View"]
    check(v2.get("Version") == 2, f"second publish Version {v2.get('Version')}")
    obs["publish2"] = {"version": v2["Version"], "arn": v2["Arn"]}
    obs["timestamps"]["publish2.LastModifiedTime"] = ts(v2["LastModifiedTime"], "LastModifiedTime")

    step("ListViewVersions paginator")
    pages = []
    for page in client.get_paginator("list_view_versions").paginate(InstanceId=instance, ViewId=view_id, PaginationConfig={"PageSize": 1}):
        items = page["ViewVersionSummaryList"]
        check(len(items) <= 1, f"page of {len(items)} items with PageSize 1")
        pages.append({"versions": [i["Version"] for i in items], "nextToken": "NextToken" in page})
    flat = [v for p in pages for v in p["versions"]]
    check(flat == [2, 1], f"versions {flat}")
    check(pages[-1]["nextToken"] is False, "last page carries a NextToken")
    obs["versionPages"] = pages

    step("ListViews type filter")
    mine = [s for page in client.get_paginator("list_views").paginate(InstanceId=instance, Type="CUSTOMER_MANAGED") for s in page["ViewsSummaryList"]]
    check(all(s["Type"] == "CUSTOMER_MANAGED" for s in mine), "customer filter leaked other types")
    check([s["Id"] for s in mine] == [view_id], f"customer views {[s['Id'] for s in mine]}")
    aws = client.list_views(InstanceId=instance, Type="AWS_MANAGED", MaxResults=100)["ViewsSummaryList"]
    check(all(s["Type"] == "AWS_MANAGED" for s in aws), "AWS filter leaked other types")
    check(view_id not in [s["Id"] for s in aws], "customer view listed as AWS_MANAGED")
    obs["listViews"] = {"customer": [{"id": s["Id"], "status": s["Status"], "name": s["Name"]} for s in mine], "awsManagedCount": len(aws)}

    step("Tagging")
    client.tag_resource(resourceArn=view_arn, tags={"team": "cx", "cost center": "42"})
    tags_after_tag = client.list_tags_for_resource(resourceArn=view_arn)["tags"]
    check(tags_after_tag == {"origin": "boto3", "team": "cx", "cost center": "42"}, f"tags {tags_after_tag}")
    client.untag_resource(resourceArn=view_arn, tagKeys=["origin", "cost center"])
    tags_after_untag = client.list_tags_for_resource(resourceArn=view_arn)["tags"]
    check(tags_after_untag == {"team": "cx"}, f"tags after untag {tags_after_untag}")
    described_tags = client.describe_view(InstanceId=instance, ViewId=view_id)["View"].get("Tags")
    check(described_tags == {"team": "cx"}, f"DescribeView Tags {described_tags}")
    obs["tags"] = {"afterTag": tags_after_tag, "afterUntag": tags_after_untag}

    step("DeleteViewVersion")
    client.delete_view_version(InstanceId=instance, ViewId=view_id, ViewVersion=1)
    left = [i["Version"] for i in client.list_view_versions(InstanceId=instance, ViewId=view_id)["ViewVersionSummaryList"]]
    check(left == [2], f"versions after delete {left}")
    gone_version = client_error(client.describe_view, InstanceId=instance, ViewId=f"{view_id}:1")
    check(gone_version["code"] == "ResourceNotFoundException" and gone_version["status"] == 404, f"deleted version {gone_version}")
    obs["afterDeleteVersion"] = {"versions": left, "describeDeleted": gone_version}

    step("CreateViewVersion (after a delete)")
    # Version numbers increase monotonically (R10): with 2 still present the next one must be above 2.
    template3 = json.dumps({"Head": {"Title": "Interop v3"}, "Body": []})
    client.update_view_content(InstanceId=instance, ViewId=view_id, Status="PUBLISHED", Content={"Template": template3, "Actions": []})
    v3 = client.create_view_version(InstanceId=instance, ViewId=view_id)["View"]
    check(isinstance(v3.get("Version"), int) and v3["Version"] > 2, f"publish after deleting version 1 gave Version {v3.get('Version')}")
    after = [i["Version"] for i in client.list_view_versions(InstanceId=instance, ViewId=view_id)["ViewVersionSummaryList"]]
    check(after == [v3["Version"], 2], f"versions {after}")
    obs["publish3"] = {"version": v3["Version"], "versions": after}

    step("DeleteView")
    client.delete_view(InstanceId=instance, ViewId=view_id)
    gone = client_error(client.describe_view, InstanceId=instance, ViewId=view_id)
    check(gone["code"] == "ResourceNotFoundException" and gone["status"] == 404, f"deleted view {gone}")
    try:
        client.describe_view(InstanceId=instance, ViewId=view_id)
    except client.exceptions.ResourceNotFoundException:
        obs["modeledExceptionClass"] = True  # botocore mapped the code onto its modeled exception class
    obs["afterDeleteView"] = gone

    step("wire timestamps")
    check(wire_ts_types and set(wire_ts_types) <= {"int", "float"}, f"timestamps on the wire were {wire_ts_types}, not epoch-seconds numbers")

    print(json.dumps(obs, sort_keys=True))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    try:
        main(sys.argv[1], sys.argv[2])
    except CheckFailed as e:
        print(f"CHECK FAILED {e}", file=sys.stderr)
        sys.exit(1)
