import importlib.util, os, re, subprocess, sys
rounds = {"config_blind6": ["labels", "labels_b"], "config_blind7": ["labels"], "config_blind8": ["labels"],
          "config_blind9": ["labels", "labels_b", "labels_c"], "config_blind10": ["labels"], "config_blind11": ["labels"],
          "config_blind12": ["labels"], "config_blind13": ["labels"], "config_blind14": ["labels"]}
rx = re.compile(r"""(^|\n)\s*["']?(metadata|meta)["']?\s*:""", re.I)
for rd, mods in rounds.items():
    for m in mods:
        spec = importlib.util.spec_from_file_location("x", f"{rd}/{m}.py")
        mod = importlib.util.module_from_spec(spec)
        try:
            spec.loader.exec_module(mod)
        except Exception as e:
            print(rd, m, "load failed", e); continue
        for proj, v in mod.PROJECTS.items():
            g = f"/work/.mirror/{proj.replace('/', '+')}/repo"
            files = sorted({lab[0] for lab in v["labels"] if lab[0].endswith((".yaml", ".yml", ".json", ".toml"))})
            hits = []
            for f in files:
                try:
                    t = subprocess.check_output(["git", "--git-dir", g, "show", f"HEAD:{f}"], stderr=subprocess.DEVNULL).decode("utf-8", "replace")
                except Exception:
                    continue
                if rx.search(t):
                    hits.append(f)
            print(rd, m, proj, len(files), "with metadata:", len(hits), hits[:5])
