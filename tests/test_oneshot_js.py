"""Where a JS/TS prompt is sent (issue 12; PC101.md "the one-shot boundary" and "where the prompt sits";
``analyzers/oneshot_js.py``): a request that carries no conversation (an AI SDK ``prompt``, a message list
written out for one call) is one-shot, so a value that moves with a conversation is the input of that
request; a chat route that sends the posted conversation is one pass of its client's loop; the ``prompt``
of a one-shot request is its last user message, not a head; and a message added to a conversation is a turn
of it.  Each test runs on the real files of a project (tests/fixtures/SOURCES.md) and failed before its rule.
"""

from __future__ import annotations

import json
from pathlib import Path

from flow_helpers import classify_in_project, fresh_classifier_cache  # noqa: F401

FIXTURES = Path(__file__).parent / "fixtures"
CODE = FIXTURES / "code"
EVAL = FIXTURES / "agents" / "eval"


def _prompt(path: Path, container: str):
    from pcache.analyzers.sources.load import load_paths

    for p in load_paths([str(path)]).prompts:
        if p.container == container:
            return p
    raise AssertionError(f"{container} not read in {path}")


def _position(path: Path, container: str) -> str:
    from pcache.analyzers.conversation import prompt_position

    return prompt_position(_prompt(path, container))


MORPH = "applyPatch.{ text: mergedCode }.generateText.prompt"


def test_a_value_a_chat_route_computes_from_the_posted_conversation_is_per_turn():
    # anthropic-quickstarts customer-support-agent: `const { messages, model, knowledgeBaseId } = await
    # req.json()`, `latestMessage = messages[messages.length - 1].content`, `result = await
    # retrieveContext(latestMessage, knowledgeBaseId)`, `isRagWorking = result.isRagWorking`, rendered into the
    # system prompt of `anthropic.messages.create({messages: anthropicMessages, system: systemPrompt})` with
    # `anthropicMessages = messages.map(...)`: the request carries the posted conversation, so the route is one
    # pass of its client's loop
    root = EVAL / "anthropic-quickstarts"
    got = classify_in_project(root / "customer-support-agent/app/api/chat/route.ts", "POST.systemPrompt",
                              "isRagWorking", root)
    assert got.cls == "per-turn" and "computed from messages" in got.evidence, got
    # twinny (never in the eval): buildConversation(messages, ...) renders `lastMessage.content` with
    # `lastMessage = messages[messages.length - 1]`, pushed onto the conversation it returns: a new message after
    # the conversation's earlier ones, the input of that request (the loop-message convention, session 16)
    root = CODE / "twinny"
    got = classify_in_project(root / "src/extension/chat.ts", "Chat.buildConversation.push.content",
                              "lastMessage", root)
    assert got.cls == "per-request" and "computed from messages" in got.evidence \
        and got.rule.startswith("boundary.appended-message/"), got


def test_a_value_sent_in_a_one_shot_call_of_a_chat_route_is_the_input_of_that_request():
    # e2b fragments (never in the eval): the morph-chat route asks for an edit from the posted conversation
    # (`generateObject({system, messages})`), then hands its fields to applyPatch, which sends them in
    # `generateText({model, prompt: `<instruction>${instructions}</instruction>...`})`: no conversation in that
    # request (the AI SDK takes `prompt` or `messages`, never both), so what moved with the conversation is the
    # input of the apply request
    root = CODE / "fragments"
    for var in ("instructions", "codeEdit"):
        got = classify_in_project(root / "lib/morph.ts", MORPH, var, root)
        assert got.cls == "per-request" and "computed from messages" in got.evidence \
            and "one-shot call at line 32" in got.evidence, (var, got)
    # the route's own system prompt heads the request that carries the posted conversation: not one-shot
    from pcache.analyzers.oneshot_js import js_sent

    sent = js_sent(_prompt(root / "app/api/morph-chat/route.ts", "POST.contextualSystemPrompt"))
    assert [(s.line, s.slot, s.one_shot) for s in sent] == [(67, "system", False)]


def test_the_prompt_of_a_one_shot_request_is_its_last_user_message_not_a_head():
    # AI SDK: `prompt` is the request's one user message.  fragments' apply call has no `system`: the prompt
    # is the whole request; vercel/ai's expense tracker sends `instructions` (a head) then `prompt` (the final
    # turn)
    assert _position(CODE / "fragments/lib/morph.ts", MORPH) == "whole"
    tracker = CODE / "vercel-ai/expense-tracker-route.ts"
    assert _position(tracker, "POST.result.streamText.prompt") == "final-turn"
    assert _position(tracker, "POST.result.streamText.instructions") == "head"
    # a message list written for one call, holding only this message, is the whole request (scira's router:
    # `messages: [{ role: 'user', content: taskInstruction + formatPrompt }]`)
    router = EVAL / "scira/lib/search/auto-router.ts"
    assert _position(router, "routeWithAutoRouter.taskInstruction") == "whole"


def test_a_one_shot_prompt_is_linted_as_a_whole_request(run_cli):
    # fragments' root: the apply prompt is no head of a conversation ("from turn 3 the conversation passes
    # 1,024 tokens" was its note); as a whole request its 2 static tokens are never cached, and its per-request
    # values cost nothing there
    code, out, _ = run_cli("lint", CODE / "fragments", "--format", "json", "--show-notes")
    doc = json.loads(out)
    morph = [f for f in doc["findings"] if f["path"].endswith("morph.ts")]
    assert morph and {f["position"] for f in morph} == {"whole"}, morph
    assert code == 0 and doc["summary"]["error"] == 0, doc["findings"]


def test_a_message_added_to_a_conversation_is_a_turn_of_it():
    # dyad's compaction handler inserts the summary into the chat's history as an assistant message
    # (`db.insert(messages).values({chatId, role: "assistant", content: compactionMessageContent})`): a turn of
    # the history, fixed once written, not the head its role would give; the summary request itself is a
    # message list written for one call (`summaryMessages = [{role: "user", content: ...}]`, with `system:`)
    root = CODE / "dyad/src/ipc/handlers/compaction/compaction_handler.ts"
    assert _position(root, "performCompaction.compactionMessageContent") == "final-turn"
    assert _position(root, "performCompaction.summaryMessages[0].content") == "final-turn"
    # twinny pushes the user's message onto the conversation it built (`conversation.push({role: USER,
    # content: `${lastMessage.content}...`})`)
    assert _position(CODE / "twinny/src/extension/chat.ts", "Chat.buildConversation.push.content") == "final-turn"


def test_a_list_the_function_loads_itself_is_not_the_conversation_the_call_carries(tmp_path):
    # dyad's sub-agent manager (src/pro, not copied: FSL licence) reads the thread's stored messages
    # (`const messages = await db.query.agentMessages.findMany(...)`, `pendingRootMessages =
    # messages.filter(...)`) to brief the sub-agent; its report is no value of a conversation this call was
    # given.  The same shape, written here:
    from flow_helpers import write_files

    write_files(tmp_path, {"manager.ts": """
        import { db } from "./db";
        export async function runThread(threadId: string) {
          const messages = await db.query.agentMessages.findMany({ where: threadId });
          const pendingRootMessages = messages.filter((m) => m.role === "root");
          const brief = pendingRootMessages.map((m) => m.content).join("\\n");
          const prompt = `You are a sub-agent. Your brief from the root agent follows.\\n${brief}\\nReport back.`;
          return prompt;
        }
        export async function answer(req: Request) {
          const { messages } = await req.json();
          const latest = messages.at(-1).content;
          const system = `You are a helpful agent. The user's last request was: ${latest}. Be brief.`;
          return system;
        }
        """})
    got = classify_in_project(tmp_path / "manager.ts", "runThread.prompt", "brief", tmp_path)
    assert "conversation each call carries" not in got.evidence, got
    got = classify_in_project(tmp_path / "manager.ts", "answer.system", "latest", tmp_path)
    assert got.cls == "per-turn" and "computed from messages" in got.evidence, got
