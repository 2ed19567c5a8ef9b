"""Lists the files docker-compose v1 would send as a service's build context, without a Docker daemon.

Usage: build_context.py COMPOSE_FILE SERVICE

Runs docker-compose v1's own code: its config loader resolves the service's build context and
Dockerfile, and docker-py's APIClient.build reads <context>/.dockerignore and packs the tar it
would POST to /build. The request is caught before it leaves the process, and the tar's member
names are printed as JSON: {"context": ..., "dockerfile": ..., "files": [...]}.
"""
import io
import json
import os
import sys
import tarfile

import docker
from compose.config import config
from compose.config.environment import Environment


def main(compose_file, service_name):
    base_dir = os.path.dirname(os.path.abspath(compose_file))
    details = config.find(base_dir, [os.path.basename(compose_file)], Environment.from_env_file(base_dir))
    service = next(s for s in config.load(details).services if s['name'] == service_name)
    build = service['build']
    captured = {}

    class CapturingClient(docker.APIClient):
        def _post(self, url, **kwargs):  # the build request: keep its body, send nothing
            captured['tar'] = kwargs['data'].read()
            return None

        def _stream_helper(self, response, decode=False):
            return iter(())

    # A fixed API version: no request to a daemon to negotiate one.
    client = CapturingClient(base_url='unix:///nonexistent/docker.sock', version='1.41')
    client.build(path=build['context'], dockerfile=build.get('dockerfile'))
    with tarfile.open(fileobj=io.BytesIO(captured['tar'])) as tar:
        files = sorted(m.name for m in tar.getmembers() if not m.isdir())
    json.dump({'context': build['context'], 'dockerfile': build.get('dockerfile'), 'files': files}, sys.stdout)


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
