"""Live tests against a real llama-server (see llama_server.sh)."""
