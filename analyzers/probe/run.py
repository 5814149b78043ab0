"""Send a plan: bounded concurrency (one worker per prompt at a time, repeats in order), hard stops
on requests and cost, one failure never stops the rest, Ctrl-C returns what was measured so far."""

from __future__ import annotations

import queue
import threading
from array import array
from decimal import Decimal

from ..providers.diagnostics import openai_request_options, supports_openai_diagnostics

from .clients import Credentials, OutputLimit, first_model, make_client, send
from .interface import Observation, Plan, ProbeOptions, ProbeReport, PromptResult
from .plan import FIRST_OUTPUT_LIMIT, MAX_OUTPUT_LIMIT, reprice, request_cost_bound, set_tokens
from .regimes import regime_for, regime_from_server


def _cost(model: str, obs: Observation) -> Decimal | None:
    from ..pricing import UnknownPriceError, request_cost

    if obs.prompt_tokens is None:
        return None
    try:
        return request_cost(model, obs.prompt_tokens, cached_tokens=obs.cached_tokens or 0,
                            output_tokens=obs.output_tokens or 0,
                            cache_write_tokens=obs.cache_write_tokens or 0)
    except UnknownPriceError:
        return None


class _Budget:
    """The hard caps.  ``attempt`` runs (as the HTTP client's request hook) before every HTTP request
    leaves, retries included, so ``--max-requests`` counts what reaches the server; ``take`` reserves
    the cost bound of each planned request."""

    def __init__(self, max_requests: int | None, max_cost: Decimal | None, allow_models: bool = False):
        self.lock = threading.Lock()
        self.max_requests = max_requests
        self.max_cost = max_cost
        self.allow_models = allow_models  # GET /models only when the plan announced it
        self.sent = 0  # POST requests that left (counted before they leave)
        self.detect_sent = 0
        self.spent = Decimal(0)
        self.reserved = Decimal(0)
        self.stopped: str | None = None

    def attempt(self, request) -> None:
        from .clients import NotSent

        if request.method != "POST":
            with self.lock:  # the one announced GET /models (only planned without --max-requests)
                if self.allow_models and request.method == "GET" and request.url.path.endswith("/models") \
                        and not self.detect_sent:
                    self.detect_sent = 1
                    return
            raise NotSent(f"{request.method} {request.url.path} is not in the plan")
        with self.lock:
            if self.max_requests is not None and self.sent >= self.max_requests:
                self.stopped = self.stopped or f"--max-requests {self.max_requests} reached"
                raise NotSent(self.stopped)
            self.sent += 1

    def take(self, bound: Decimal | None) -> bool:
        with self.lock:
            if self.stopped:
                return False
            if self.max_requests is not None and self.sent >= self.max_requests:
                self.stopped = f"--max-requests {self.max_requests} reached"
                return False
            if self.max_cost is not None and bound is not None and \
                    self.spent + self.reserved + bound > self.max_cost:
                self.stopped = f"--max-cost {self.max_cost} reached"
                return False
            self.reserved += bound or 0
            return True

    def settle(self, bound: Decimal | None, cost: Decimal | None) -> None:
        with self.lock:
            self.reserved -= bound or 0
            # an unknown cost is counted at its bound, so the cap stays a hard one
            self.spent += cost if cost is not None else (bound or 0)


def is_self_hosted(plan: Plan) -> bool:
    """A compatible server whose cache rule is a self-hosted one (llama.cpp, vLLM, SGLang): no prices."""
    return plan.destination.kind == "compatible" and all(
        getattr(p.rule, "id", "").startswith(("llamacpp", "vllm", "sglang")) for p in plan.prompts)


def count_with_server(plan: Plan, options: ProbeOptions, server: str | None) -> None:
    """Re-count every prompt with the server's own tokenizer and chat template (exact predictions)."""
    from .server_tokens import ServerTokenizer, ServerTokenizerError, server_root

    kind = server or ("llama.cpp" if plan.regime.startswith("llamacpp") else
                      "vllm" if plan.regime.startswith("vllm") else None)
    if kind not in ("llama.cpp", "vllm"):
        plan.notes.append("prompt tokens estimated offline: this server has no known /tokenize endpoint")
        return
    sent = next((p.bodies[0].get("model") for p in plan.prompts if p.bodies), None)
    tok = ServerTokenizer(server_root(plan.destination.base_url), kind, sent, min(options.timeout, 30.0))
    try:
        for p in plan.prompts:
            set_tokens(p, [array("I", t) for t in tok.tokens(p.bodies)], "server")
    except ServerTokenizerError as exc:
        plan.notes.append(f"prompt tokens estimated offline: the server's tokenizer failed ({exc.message})")
        return
    plan.notes.append(f"prompt tokens counted by the server ({kind} /tokenize, its chat template): exact")


def run_plan(plan: Plan, options: ProbeOptions, creds: Credentials, progress=None,
             stop: threading.Event | None = None) -> ProbeReport:
    """Send every planned request.  ``progress(done, total)`` is called after each request."""
    stop = stop or threading.Event()
    report = ProbeReport(plan, [PromptResult(p) for p in plan.prompts])
    secrets = [creds.api_key]
    budget = _Budget(options.max_requests, options.max_cost, allow_models=plan.detect_server)
    report.budget = budget
    client = make_client(plan.destination, creds, options.timeout, 0, guard=budget.attempt)
    if plan.detect_server:
        owner, served = first_model(client)
        report.detected_server = owner
        report.served_model = served
        guessed = regime_from_server(owner)
        if guessed and options.regime is None:
            regime = regime_for(guessed, plan.destination.kind, plan.model)
            reprice(plan, regime)
            plan.notes.append(f"server reports owned_by={owner!r}: predicting with the {regime.id} rule "
                              "(override with --regime)")
        if is_self_hosted(plan):
            plan.local = True
            if options.server_tokens:
                count_with_server(plan, options, guessed)
    companion = plan.destination.kind == "compatible"
    limits = {api: OutputLimit(api, FIRST_OUTPUT_LIMIT[api], MAX_OUTPUT_LIMIT, companion)
              for api in FIRST_OUTPUT_LIMIT}
    work: queue.Queue = queue.Queue()
    for r in report.results:
        work.put(r)
    total = plan.requests
    done = [0]
    lock = threading.Lock()

    def one_prompt(result: PromptResult) -> None:
        p = result.planned
        previous_id = None
        for i, body in enumerate(p.bodies):
            if stop.is_set():
                return
            if i and options.delay:
                if stop.wait(options.delay):
                    return
            bound = None if plan.local else request_cost_bound(p.model, p.predicted_prompt_tokens, p.estimate)
            if not budget.take(bound):
                return
            extra = None
            if p.api == "responses" and previous_id and supports_openai_diagnostics(p.model) \
                    and not plan.local:
                extra = openai_request_options(previous_id)
            obs = send(client, p.api, body, limits[p.api], secrets, options.prompt_cache_key, extra,
                       options.max_retries, stop)
            if obs is None:  # a cap stopped it before it left
                budget.settle(bound, Decimal(0))
                return
            obs.repeat = i + 1
            previous_id = obs.response_id
            obs.cost_usd = _cost(p.model, obs) if obs.error is None and not plan.local else None
            budget.settle(bound, obs.cost_usd)  # a failed request counts at its bound
            result.observations.append(obs)
            with lock:
                done[0] += 1
                if progress:
                    progress(done[0], total)
            if obs.error is not None:
                result.error = obs.error
                return  # the rest of this prompt's repeats would measure nothing useful
        result.complete = True

    def worker() -> None:
        while not stop.is_set():
            try:
                result = work.get_nowait()
            except queue.Empty:
                return
            try:
                one_prompt(result)
            except Exception as exc:  # never let one prompt take the others down
                from .clients import redact

                result.error = redact(f"{type(exc).__name__}: {exc}", secrets)

    threads = [threading.Thread(target=worker, daemon=True, name=f"probe-{i}")
               for i in range(max(1, min(options.concurrency, len(report.results) or 1)))]
    for t in threads:
        t.start()
    try:
        for t in threads:
            while t.is_alive():
                t.join(0.2)
    except KeyboardInterrupt:
        stop.set()
        report.interrupted = True
    report.stopped = budget.stopped
    refusals = sum(lim.refusals for lim in limits.values())
    if refusals:
        plan.notes.append(f"{refusals} request(s) refused the output limit and were resent with "
                          + ", ".join(f"{lim.param}={lim.value}" for lim in limits.values() if lim.refusals))
    return report
