"""The config files (YAML/JSON/TOML) of the rounds 1-10 projects' snapshots (mirror HEADs) that hold a ``metadata``,
``meta`` or ``run`` key (the keys this round's config rules read), copied to /tmp/cfg16/cmp/<owner+name>/ with their
paths; ``dump_cmp.py`` then loads each file with main's code and with the branch's (``cmp.sh``)."""
import os, re, subprocess
projs = """OpenBMB/AgentVerse microsoft/promptflow microsoft/prompty julep-ai/julep THUDM/AgentBench NVIDIA/NeMo-Guardrails
EleutherAI/lm-evaluation-harness openai/evals promptslab/Promptify microsoft/UFO oobabooga/text-generation-webui tatsu-lab/alpaca_eval
SillyTavern/SillyTavern Codium-ai/AlphaCodium the-crypt-keeper/can-ai-code nomic-ai/gpt4all microsoft/chat-copilot microsoft/kernel-memory
sigoden/aichat charmbracelet/mods lm-sys/arena-hard-auto THUDM/LongBench EvolvingLMMs-Lab/lmms-eval ysymyth/ReAct OpenLMLab/GAOKAO-Bench
tatsu-lab/stanford_alpaca deepset-ai/prompthub tloen/alpaca-lora bigscience-workshop/promptsource microsoft/teams-ai mudler/LocalAI IBM/unitxt
NVIDIA/NeMo-Skills docker/cagent firebase/genkit""".split()
rx = re.compile(rb"""(^|\n)\s*-?\s*["']?(metadata|meta|run)["']?\s*:""", re.I)
if __name__ == "__main__":
  for p in projs:
    g = f"/work/.mirror/{p.replace('/', '+')}/repo"
    out = f"/tmp/cfg16/cmp/{p.replace('/', '+')}"
    files = subprocess.check_output(["git", "--git-dir", g, "ls-tree", "-r", "HEAD"], text=True).splitlines()
    n = 0
    for line in files:
        meta, path = line.split("\t", 1)
        mode, typ, sha = meta.split()
        if typ != "blob" or not path.lower().endswith((".yaml", ".yml", ".json", ".toml")) or "node_modules" in path:
            continue
        r = subprocess.run(["git", "--git-dir", g, "cat-file", "blob", sha], capture_output=True)
        if r.returncode: continue
        data = r.stdout
        if len(data) > 2_000_000 or not rx.search(data):
            continue
        os.makedirs(os.path.dirname(os.path.join(out, path)), exist_ok=True)
        open(os.path.join(out, path), "wb").write(data)
        n += 1
        if n >= 2500:
            break
    print(p, n)
