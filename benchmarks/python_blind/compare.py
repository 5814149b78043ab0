#!/usr/bin/env python3
"""Score ``pcache scan DIR --format json`` against the hand labels of a blind round (Python files only).

    python benchmarks/python_blind/compare.py round3_labels.toml --root /tmp/blind [--pcache .venv/bin/pcache]

For each project: labelled prompts found (same file, same container), missed, positions (first variable's
token within 2 of the label's tiktoken count), and the reported prompts that match no label (each is
printed: a false positive unless it is one of the [[neutral]] strings, judged by reading).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tomllib

# project -> folders scanned (relative to its checkout) and the checkout's directory under --root
FOLDERS = {"graphrag": ["packages/graphrag/graphrag"], "storm": ["knowledge_storm"], "pr-agent": ["pr_agent"],
           "vanna": ["src/vanna/core", "src/vanna/legacy/base"], "xagent": ["XAgent"], "smol": ["smol_dev"],
           "tot": ["src/tot"], "reflexion": ["hotpotqa_runs", "alfworld_runs", "programming_runs/generators"],
           "canopy": ["src"], "devgpt": ["dev_gpt/options/generate/chains", "dev_gpt/options/generate/pm"],
           "swebench": ["swebench/inference"],
           # round 8 (--root /tmp/blind8)
           "nanographrag": ["nano_graphrag"], "textgrad": ["textgrad/optimizer", "textgrad/autograd"],
           "webarena": ["agent", "evaluation_harness"], "fastchat": ["fastchat/conversation.py"],
           "kotaemon": ["libs/ktem/ktem/reasoning/prompt_optimization"],
           # round 9 (--root /tmp/blind9)
           "llmcompiler": ["configs/hotpotqa", "configs/hotpotqa_react", "src/llm_compiler"],
           "taskmatrix": ["visual_chatgpt.py", "LowCodeLLM/src"], "ragas": ["src/ragas/metrics/collections"],
           # round 10 (--root /tmp/blind10)
           "chatarena": ["chatarena/backends"],
           # round 11 (--root /tmp/blind11)
           "chemcrow": ["chemcrow"], "gptswarm": ["swarm/environment/prompt", "swarm/environment/operations"],
           "mlab": ["MLAgentBench/agents/agent.py", "MLAgentBench/agents/agent_research.py",
                    "MLAgentBench/agents/agent_langchain.py", "MLAgentBench/agents/agent_autogpt.py",
                    "MLAgentBench/high_level_actions.py", "MLAgentBench/LLM.py"],
           "voyager": ["voyager"], "ell": ["src/ell"],
           # round 12 (--root /tmp/blind11)
           "promptulate": ["promptulate/agents", "promptulate/preset_roles", "promptulate/frameworks",
                           "promptulate/output_formatter", "promptulate/tools"],
           "jarvis": ["easytool/easytool/funcQA.py", "easytool/easytool/restbench.py",
                      "hugginggpt/server/awesome_chat.py"],
           "openagents": ["real_agents/data_agent"],
           # round 13 (--root /tmp/blind11)
           "tapeagents": ["tapeagents", "examples/web_agent", "examples/gaia_agent"],
           # round 14 (--root /tmp/blind14)
           "simpleevals": ["."], "aiscientist": ["ai_scientist", "launch_scientist.py", "experimental"],
           "soc": ["operate", "evaluate.py"], "repoagent": ["repo_agent"], "raptor": ["raptor"],
           # round 15 (--root /tmp/blind15)
           "appagent": ["scripts"], "seeact": ["seeact_package/seeact"],
           # round 16 (--root /tmp/blind16)
           "prometheus": ["libs/prometheus-eval/prometheus_eval", "eval"], "webvoyager": ["."], "agente": ["ae"],
           "taskgen": ["taskgen"],
           # round 17 (--root /tmp/blind17)
           "intercode": ["experiments"], "openagi": ["pyopenagi/agents"], "gorilla": ["raft"],
           # round 18 (--root /tmp/blind18)
           "chameleon": ["run_tabmwp"],
           # round 19 (--root /tmp/blind19)
           "mindsearch": ["mindsearch"], "paper2code": ["codes"], "bbm": ["book_maker"],
           # round 20 (--root /tmp/blind20)
           "raaid": ["ra_aid/prompts", "ra_aid/agents"],
           # round 21 (--root /tmp/blind21)
           "colosseum": ["agent"], "integuru": ["integuru"], "owl": ["owl/utils"],
           # round 22 (--root /tmp/blind22)
           "pentestgpt": ["pentestgpt"], "stride": ["."],
           "chatpaper": ["chat_paper.py", "chat_arxiv.py", "chat_translate.py", "ChatReviewerAndResponse"],
           # round 23 (--root /tmp/blind23)
           "newspaper": ["backend"], "codeinterp": ["src/codeinterpreterapi"], "localgpt": ["rag_system"],
           # round 24 (--root /tmp/blind24)
           "simpleai": ["simpleaichat"], "memary": ["src/memary"], "autopr": ["autopr"],
           # round 25 (--root /tmp/blind25)
           "hedgefund": ["hedge_fund"], "optillm": ["optillm/mars", "optillm/plugins/longcepo"],
           "hipporag": ["src/hipporag"],
           # round 26 (--root /tmp/blind26)
           "gpteam": ["src"], "adala": ["adala"],
           "surfsense": ["surfsense_backend/app/agents/video_presentation", "surfsense_backend/app/podcasts/generation"],
           # round 27 (--root /tmp/blind27)
           "trace": ["opto"], "mleagent": ["mle/agents"], "toolbench": ["toolbench/inference"],
           # round 28 (--root /tmp/blind28)
           "restgpt": ["model"], "expel": ["prompts/templates", "prompts/hotpotQA.py", "prompts/fever.py", "agent"],
           "travelplanner": ["agents", "tools/planner", "postprocess/openai_request.py"],
           # round 29 (--root /tmp/blind29)
           "neo4jgraphrag": ["src/neo4j_graphrag/generation", "src/neo4j_graphrag/retrievers",
                             "src/neo4j_graphrag/components"],
           "browsergym": ["demo_agent", "browsergym/core/src/browsergym/core"], "instagraph": ["."],
           "thinkgpt": ["thinkgpt"]}
# projects whose folders are scanned in ONE pcache call (their files import each other's constants)
JOINT = {"llmcompiler", "taskmatrix", "gptswarm", "mlab", "promptulate", "aiscientist", "soc", "appagent", "seeact",
         "raaid", "expel", "travelplanner"}
DIRS = {"graphrag": "graphrag", "storm": "storm", "pr-agent": "pr-agent", "vanna": "vanna", "xagent": "XAgent",
        "smol": "developer", "tot": "tree-of-thought-llm", "reflexion": "reflexion",
        "canopy": "canopy", "devgpt": "dev-gpt", "swebench": "SWE-bench",
        "nanographrag": "nano-graphrag", "textgrad": "textgrad", "webarena": "webarena", "fastchat": "FastChat",
        "kotaemon": "kotaemon", "llmcompiler": "LLMCompiler", "taskmatrix": "TaskMatrix", "ragas": "ragas", "chatarena": "chatarena",
        "chemcrow": "chemcrow-public", "gptswarm": "GPTSwarm", "mlab": "MLAgentBench", "voyager": "Voyager", "ell": "ell",
        "promptulate": "promptulate", "jarvis": "JARVIS", "openagents": "OpenAgents", "tapeagents": "TapeAgents",
        "simpleevals": "simple-evals", "aiscientist": "AI-Scientist", "soc": "self-operating-computer",
        "repoagent": "RepoAgent", "raptor": "raptor", "appagent": "AppAgent", "seeact": "SeeAct",
        "prometheus": "prometheus-eval", "webvoyager": "WebVoyager", "agente": "Agent-E", "taskgen": "taskgen",
        "intercode": "intercode", "openagi": "OpenAGI", "gorilla": "gorilla",
        "chameleon": "chameleon-llm", "mindsearch": "MindSearch", "paper2code": "Paper2Code",
        "bbm": "bilingual_book_maker", "raaid": "RA.Aid", "colosseum": "llm-colosseum",
        "integuru": "Integuru", "owl": "owl", "pentestgpt": "PentestGPT", "chatpaper": "ChatPaper",
        "stride": "stride-gpt/stride_gpt/core", "newspaper": "gpt-newspaper", "codeinterp": "codeinterpreter-api",
        "localgpt": "localGPT", "simpleai": "simpleaichat", "memary": "Memary", "autopr": "AutoPR",
        "hedgefund": "ai-hedge-fund", "optillm": "optillm", "hipporag": "HippoRAG",
        "gpteam": "GPTeam", "adala": "Adala", "surfsense": "SurfSense",
        "trace": "Trace", "mleagent": "MLE-agent", "toolbench": "ToolBench",
        "restgpt": "RestGPT", "expel": "ExpeL", "travelplanner": "TravelPlanner",
        "neo4jgraphrag": "neo4j-graphrag-python", "browsergym": "BrowserGym", "instagraph": "instagraph", "thinkgpt": "thinkgpt"}


def scan(pcache: str, *roots: str) -> list[dict]:
    out = subprocess.run([pcache, "scan", *roots, "--format", "json"], capture_output=True, text=True)
    # a file named on the command line that holds no prompt is exit 2 (documented); the others still count
    benign = out.returncode == 2 and out.stdout.strip() and all(
        "no prompts in this file" in line for line in out.stderr.strip().splitlines())
    if out.returncode not in (0, 1) and not benign:
        sys.exit(f"pcache scan {' '.join(roots)}: exit {out.returncode}: {out.stderr.strip()[:500]}")
    return json.loads(out.stdout)["prompts"]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("labels")
    ap.add_argument("--root", default="/tmp/blind")
    ap.add_argument("--pcache", default="pcache")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args(argv)
    data = tomllib.loads(open(a.labels, encoding="utf-8").read())
    rows = {}
    wanted = {x["project"] for x in data["prompt"] + data.get("neutral", [])}  # a project may have no prompt
    for project, folders in FOLDERS.items():
        if project not in wanted:
            continue
        base = os.path.join(a.root, DIRS[project])
        got = []
        groups = [folders] if project in JOINT else [[f] for f in folders]
        for group in groups:
            got += [p for p in scan(a.pcache, *(os.path.join(base, f) for f in group)) if p["file"].endswith(".py")]
        for p in got:
            p["rel"] = os.path.relpath(os.path.abspath(p["file"]), base)
        labels = [x for x in data["prompt"] if x["project"] == project]
        reported = {(p["rel"], p["container"]): p for p in got}
        found, missed, pos_ok, pos_bad, pos_n = 0, [], 0, [], 0
        for x in labels:
            p = reported.pop((x["file"], x["container"]), None)
            if p is None:
                missed.append(f'{x["file"]}:{x["container"]}')
                continue
            found += 1
            if "first_var_token" in x:
                pos_n += 1
                fv = p.get("first_variable") or {}
                if fv.get("token") is not None and abs(fv["token"] - x["first_var_token"]) <= 2:
                    pos_ok += 1
                else:
                    pos_bad.append(f'{x["file"]}:{x["container"]} want {x["first_var_token"]} got {fv.get("token")}')
        renamed = []  # found under another name: the same function's prompt named after its local or role
        for m in list(missed):
            file, cont = m.split(":", 1)
            head, _, last = cont.rpartition(".")
            for f, c in sorted(reported):
                if f == file and (c == head or c.startswith(head + ".") and c.rsplit(".", 1)[-1] == last
                                  or c.startswith(cont + ".") or c.startswith(cont + "@")):
                    renamed.append(f"{m} reported as {c}")
                    missed.remove(m)
                    del reported[(f, c)]
                    break
        rows[project] = {"labelled": len(labels), "found": found, "renamed": renamed, "missed": missed, "positions": f"{pos_ok}/{pos_n}",
                         "positions_off": pos_bad, "unmatched_reports": sorted(f"{f}:{c}" for f, c in reported)}
    if a.json:
        print(json.dumps(rows, indent=2))
        return 0
    tl = sum(r["labelled"] for r in rows.values())
    tf = sum(r["found"] for r in rows.values())
    for name, r in rows.items():
        print(f'{name:10} labelled {r["labelled"]:3}  found {r["found"]:3} (+{len(r["renamed"])} named differently)  '
              f'positions {r["positions"]:7}  '
              f'unmatched reports {len(r["unmatched_reports"])}')
        for m in r["missed"]:
            print(f"    missed: {m}")
        for m in r["renamed"]:
            print(f"    named differently: {m}")
        for m in r["positions_off"]:
            print(f"    position: {m}")
        for m in r["unmatched_reports"]:
            print(f"    reported, no label: {m}")
    tr = tf + sum(len(r["renamed"]) for r in rows.values())
    print(f"total: {tf}/{tl} found by exact name ({100 * tf / max(tl, 1):.0f} %), {tr}/{tl} by any name "
          f"({100 * tr / max(tl, 1):.0f} %)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
