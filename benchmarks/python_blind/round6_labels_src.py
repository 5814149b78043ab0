C = "src/"
D = "dev_gpt/options/generate/"
PROMPTS = [
 ("canopy", C + "canopy/chat_engine/chat_engine.py", "DEFAULT_SYSTEM_PROMPT", None, {}),
 ("canopy", C + "canopy/chat_engine/query_generator/function_calling.py", "DEFAULT_SYSTEM_PROMPT", None, {}),
 ("canopy", C + "canopy/chat_engine/query_generator/instruction.py", "SYSTEM_PROMPT", None, {}),
 ("canopy", C + "canopy/chat_engine/query_generator/instruction.py", "USER_PROMPT", None, {}),
 ("canopy", C + "canopy_cli/cli.py", "_validate_chat_engine.user", 158, {}),
 ("canopy", C + "canopy_server/app.py", "health_check.user", 280, {}),
] + [("devgpt", D + f, c, None, {"fmt": True}) for f, c in [
 ("chains/auto_refine_description.py", "better_description_prompt"),
 ("chains/auto_refine_description.py", "generate_request_schema_prompt"),
 ("chains/auto_refine_description.py", "generate_output_schema_prompt"),
 ("chains/auto_refine_description.py", "summarize_description_and_schemas_prompt"),
 ("chains/fix_based_on_error.py", "fix_based_on_error_prompt"),
 ("chains/get_user_input_if_needed.py", "generate_question_for_file_input_prompt"),
 ("chains/question_answering.py", "pros_and_cons_prompt"),
 ("chains/question_answering.py", "question_prompt"),
 ("chains/translation.py", "translation_prompt"),
 ("chains/user_confirmation_feedback_loop.py", "add_feedback_prompt"),
 ("pm/pm.py", "generate_test_assertion_prompt"),
 ("pm/pm.py", "construct_sub_task_tree_prompt"),
 ("pm/pm.py", "sub_task_tree_reflections_prompt"),
 ("pm/pm.py", "sub_task_tree_solutions_prompt"),
 ("pm/pm.py", "sub_task_tree_update_prompt"),
 ("pm/pm.py", "ask_questions_prompt"),
]]
NEUTRAL = [
 ("canopy", C + "canopy_server/app.py", "system_prompt='hi' of the health check (one word)", 282),
 ("canopy", C + "canopy/chat_engine/query_generator/function_calling.py", "DEFAULT_FUNCTION_DESCRIPTION (a tool description)", 14),
 ("devgpt", D + "pm/pm.py", "client_description (the head of each pm prompt, included by +)", 115),
 ("devgpt", D + "pm/pm.py", "questions/instructions passed as values of {question} / {question_gen_prompt_part} / translation formats", 62),
 ("devgpt", D + "pm/pm.py", "initial_description (a demo request under __main__)", 418),
]
