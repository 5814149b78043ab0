"""``probe``: send prompts to a live OpenAI-compatible API and compare reported cached tokens with the
offline prediction.  The ``openai`` package is imported only when requests are actually sent."""
