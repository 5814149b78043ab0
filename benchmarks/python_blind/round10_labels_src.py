# Blind round 10 label source (issue #11, Python sources), written BY READING THE CODE before pcache ran on
# this tree; emit_labels.py turns it into round10_labels.toml.  (project, file, container, line, kwargs)
HEADER = """\
# Blind round 10 (issue #11, Python sources, session 4): hand labels written BY READING THE CODE, committed
# before pcache was run on this tree (main fcd803f: all rules of rounds 8-9).  A small round for the
# final rules' own blind figure.  Project never used before in this repository and not held out:
#
#   chatarena  Farama-Foundation/chatarena @ 2aeb4fc7bc59db38076a7f4b317bc3569856ecf2  folder chatarena/backends
#
# Same labelling rule as round3_labels.toml.  Notes: BASE_PROMPT's field END_OF_MESSAGE is a constant of
# the same file (static text); each backend's system prompt is built in query() in two branches
# (global_prompt given or not).  Neutral: the default request message "Now you speak, {agent_name}."
# appended as a (name, text) tuple, and the transcripts the Anthropic / Bard / Hugging Face backends
# compose from the messages; HumanBackendError's message is for people.
"""
ROOTS = {"chatarena": "chatarena/"}
B = "chatarena/backends/"
PROMPTS = [
 ("chatarena", B + "openai.py", "BASE_PROMPT", 31, {}),
 ("chatarena", B + "openai.py", "OpenAIChat.query.system_prompt", 111, {}),
 ("chatarena", B + "openai.py", "OpenAIChat.query.system_prompt@113", 113, {}),
 ("chatarena", B + "langchain.py", "BASE_PROMPT", 30, {}),
 ("chatarena", B + "langchain.py", "LangChainOpenAIChat.query.system_prompt", 106, {}),
 ("chatarena", B + "langchain.py", "LangChainOpenAIChat.query.system_prompt@109", 109, {}),
 ("chatarena", B + "cohere.py", "CohereAIChat.query.persona_prompt", 120, {}),
]
NEUTRAL = [
 ("chatarena", B + "openai.py", "the default request message Now you speak, {agent_name}. (a (name, text) tuple)", 126),
 ("chatarena", B + "anthropic.py", "prompt transcript composed from the messages (HUMAN_PROMPT / AI_PROMPT)", 91),
 ("chatarena", B + "human.py", "HumanBackendError message (for people)", 9),
]
