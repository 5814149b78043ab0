"""Hand labels for the third blind prompt-discovery run (issue #11, JS/TS + config), written by
reading the trees BEFORE running pcache on them (except lib/ai/prompts.ts of ai-chatbot, whose
first three outputs were seen once while checking the JSON format; its labels below were decided
before that). Each label: (file, line of the literal or assignment, hint, prefix).
hint: a name the prompt is kept or sent under (matched against pcache's container) or the
first variable's expression; prefix: the value's text before its first variable as the code
evaluates it (common-tags oneLine joins lines with one space, oneLineTrim with none, codeBlock
strips the indent and trims), None when the prompt has no variable. NEUTRAL lists texts that reach
a model but are no prompt on their own (all-variable compositions, error/fallback tool outputs,
eval-harness conversations): reported or not, they count neither way."""

PROJECTS = {
    "vercel/ai-chatbot": {
        "commit": "9d5d8a3ea7968522a37ab1cc145a6c0ef8a9dd2e",
        "labels": [
            ("lib/ai/prompts.ts", 4, "artifactsPrompt", None),
            ("lib/ai/prompts.ts", 44, "regularPrompt", None),
            ("lib/ai/prompts.ts", 56, "getRequestPromptFromHints",
             "About the origin of user's request:\n- lat: "),
            # systemPrompt returns `${regularPrompt}\n\n${requestPrompt}`: the text sent starts
            # with regularPrompt, then the request hints (first variable: the latitude)
            ("lib/ai/prompts.ts", 66, "systemPrompt",
             "You are a friendly assistant! Keep your responses concise and helpful.\n\n"
             "When asked to write, create, or help with something, just do it directly. Don't ask "
             "clarifying questions unless absolutely necessary - make reasonable assumptions and "
             "proceed with the task.\n\nAbout the origin of user's request:\n- lat: "),
            ("lib/ai/prompts.ts", 84, "codePrompt", None),
            ("lib/ai/prompts.ts", 111, "sheetPrompt", None),
            ("lib/ai/prompts.ts", 115, "updateDocumentPrompt",
             "Improve the following contents of the "),
            ("lib/ai/prompts.ts", 133, "titlePrompt", None),
            ("artifacts/text/server.ts", 13, "system", None),
            ("lib/ai/tools/request-suggestions.ts", 45, "system", None),
            ("components/toolbar.tsx", 208, "LEVELS[currentLevel]",
             "Please adjust the reading level to "),
            ("artifacts/sheet/client.tsx", 94, "text", None),
            ("artifacts/sheet/client.tsx", 108, "text", None),
            ("artifacts/text/client.tsx", 157, "text", None),
            ("artifacts/text/client.tsx", 172, "text", None),
            ("artifacts/code/client.tsx", 258, "text", None),
            ("artifacts/code/client.tsx", 273, "text", None),
            ("components/suggested-actions.tsx", 18, "suggestedActions", None),
            ("components/suggested-actions.tsx", 19, "suggestedActions", None),
            ("components/suggested-actions.tsx", 20, "suggestedActions", None),
            ("components/suggested-actions.tsx", 21, "suggestedActions", None),
        ],
        "neutral": [],
    },
    "openai-translator/openai-translator": {
        "commit": "c3bc4bb5de7404d597fe7cd6cea44941f1831bd3",
        "labels": [
            ("src/common/translate.ts", 203, "rolePrompt",
             "You are a professional writer and you will write "),
            ("src/common/translate.ts", 207, "commandPrompt", "Write "),
            ("src/common/translate.ts", 244, "commandPrompt",
             "(Requirements: The output format must be "),
            ("src/common/translate.ts", 254, "rolePrompt", "你是一个翻译引擎，请将给到的文本翻译成"),
            ("src/common/translate.ts", 273, "rolePrompt",
             "你是一个翻译引擎，请翻译给出的文本，只需要翻译不需要解释。当且仅当文本只有一个单词时，"
             "请给出单词原始形态（如果有）、单词的语种、"),
            ("src/common/translate.ts", 293, "commandPrompt", None),
            ("src/common/translate.ts", 294, "contentPrompt", "单词是："),
            ("src/common/translate.ts", 297, "rolePrompt",
             "You are a professional translation engine. Please translate the text into "),
            ("src/common/translate.ts", 330, "commandPrompt", None),
            ("src/common/translate.ts", 331, "contentPrompt", "The word is: "),
            ("src/common/translate.ts", 335, "rolePrompt",
             "You are an expert in the semantic syntax of the "),
            ("src/common/translate.ts", 354, "commandPrompt", None),
            ("src/common/translate.ts", 355, "contentPrompt", "the sentence is: "),
            ("src/common/translate.ts", 359, "rolePrompt", None),
            ("src/common/translate.ts", 360, "commandPrompt", "Please edit the following sentences in "),
            ("src/common/translate.ts", 365, "rolePrompt", None),
            ("src/common/translate.ts", 366, "commandPrompt",
             "Please summarize this text in the most concise language and must use "),
            ("src/common/translate.ts", 372, "rolePrompt", None),
            ("src/common/translate.ts", 373, "commandPrompt", "Please translate this text to "),
            ("src/common/translate.ts", 380, "rolePrompt", None),
            ("src/common/translate.ts", 381, "commandPrompt",
             "explain the provided code, regex or script in the most concise language and must use "),
            ("src/common/translate.ts", 395, "commandPrompt", "Only reply the result and nothing else. "),
            ("src/common/lang/data.ts", 87, "rolePrompt", None),
            ("src/common/lang/data.ts", 94, "rolePrompt", None),
            ("src/common/lang/data.ts", 121, "genCommandPrompt", "Translate from "),
            ("src/common/lang/index.ts", 372, "rolePrompt", None),
            ("src/common/lang/index.ts", 374, "genCommandPrompt", "Please translate to "),
            ("src/common/engines/abstract-openai.ts", 118, "prompt", "<|im_start|>user\n"),
            ("src/common/engines/abstract-openai.ts", 120, "prompt", "<|im_start|>user\n"),
        ],
        "neutral": [
            ("src/common/translate.ts", 389, "contentPrompt"),  # "```\n" + text + "\n```"
            ("src/common/components/Vocabulary.tsx", 182, "prompt"),  # 'a catchy lyric' fragments
            ("src/common/engines/abstract-openai.ts", 127, "content"),
            ("src/common/engines/chatgpt.ts", 212, "parts"),
        ],
    },
    "huggingface/chat-ui": {
        "commit": "c100c162fcc3e2347a5b716a4f8b79ea8ead25b2",
        "labels": [
            ("src/lib/server/textGeneration/title.ts", 44, "content", 'User message: "'),
            ("src/lib/server/textGeneration/title.ts", 45, "preprompt", None),
            ("src/lib/server/textGeneration/utils/toolPrompt.ts", 22, "buildToolPreprompt",
             "You have access to these tools: "),
            ("src/lib/server/textGeneration/artifacts.ts", 9, "ARTIFACTS_SYSTEM_PROMPT", None),
            ("src/lib/server/textGeneration/reasoning.ts", 9, "prompt",
             "Summarize concisely the following reasoning for the user. Keep it short (one short "
             "paragraph).\n\n"),
            ("src/lib/server/textGeneration/mcp/runMcpFlow.ts", 739, "content", None),
            ("src/lib/server/textGeneration/generate.ts", 128, "content", "Question: "),
            ("src/lib/server/textGeneration/generate.ts", 131, "preprompt", None),
        ]
        # routerExamples.ts / mcpExamples.ts: {title, prompt} examples a click sends as the user
        # message (a prompt library): every `prompt:` value, all static
        + [("src/lib/constants/routerExamples.ts", 0, "prompt", None)] * 38
        + [("src/lib/constants/mcpExamples.ts", 0, "prompt", None)] * 34,
        "neutral": [
            ("src/lib/server/textGeneration/artifacts.ts", 0, "injectArtifactsPrompt"),
            ("src/lib/server/textGeneration/mcp/runMcpFlow.ts", 735, "content"),
            ("src/lib/server/textGeneration/mcp/toolInvocation.ts", 0, "content"),
            ("src/lib/server/textGeneration/utils/prepareFiles.ts", 0, "content"),
            ("src/lib/server/endpoints/preprocessMessages.ts", 0, "content"),
            ("src/lib/server/models.ts", 147, "parts"),
            ("scripts/", 0, "*"),  # eval harness conversations
        ],
    },
    "lobehub/lobe-chat-agents (scripts/)": {
        "commit": "ec2b0e414c7078b21269363637077d0e6f7c3e84",
        "labels": [
            ("scripts/processors/category-processor.ts", 17, "content", None),
            ("scripts/processors/category-processor.ts", 26, "content", "[Category List]\n"),
            ("scripts/processors/category-processor.ts", 30, "content", "[Assistant Information]\n"),
            ("scripts/processors/category-processor.ts", 63, "systemPrompt", None),
            ("scripts/processors/category-processor.ts", 126, "content", "[Category List]\n"),
            ("scripts/processors/category-processor.ts", 130, "content",
             "Please generate content for the following Agent:\n\n**Agent Information:**\n"),
            ("scripts/processors/i18n-processor.ts", 27, "content", "Translate the i18n JSON file to "),
        ],
        "neutral": [("scripts/processors/i18n-processor.ts", 37, "content")],
    },
}
