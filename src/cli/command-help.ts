import { TOOL_NAMES } from '../lib/tools/lean';

export const TOOL_HELP = `Usage: kiln tool NAME --dir DIR [--args JSON] [--runtime node|browser] [--json]

Runs one tool, as the agent would, and prints exactly what the model would receive
(followed by one newline).

  NAME                 ${TOOL_NAMES.join(', ')}
  --dir DIR            the project folder (tool paths are relative to it)
  --args JSON          the tool's arguments as a JSON object (default {})
  --runtime node       the real folder and real processes (default)
  --runtime browser    just-bash over an in-memory copy of the folder (it is not changed)
  --json               print the whole result ({ok, output, metadata}) as JSON

Exit code: 0 when the tool succeeded, 1 for a tool error, 2 for a usage error.

Example: kiln tool grep --dir . --args '{"pattern": "TODO", "output_mode": "content"}'
`;

export const RUN_HELP = `Usage: kiln run --dir DIR --provider anthropic|openai --model M -p PROMPT [options]
       kiln run --dir DIR --continue -p PROMPT          (or --resume SESSION)

Runs the agent for one turn over the folder and prints a readable log: the model's text as it
streams, each tool call and its result (subagents' calls indented), retries, why the turn ended
and the tokens used. The agent gets what it gets in the app: the project's AGENTS.md, a map of
the project, and the task tool (subagents that explore or work in parallel).

Each session is stored in DIR/.kiln/sessions/ID.jsonl (one event a line, appended as it
happens). A new .kiln/ gets a .gitignore of '*': git and the agent's map, glob and grep leave
the sessions out. List them with 'kiln sessions'.

  --dir DIR            the project folder
  --provider ID        anthropic or openai (also: openrouter, ollama, lmstudio, openai-compatible)
  --model M            the model id, e.g. claude-sonnet-5 or gpt-4.1
  -p, --prompt TEXT    what to ask
  --resume SESSION     continue a stored session (an id from 'kiln sessions', or latest): the
                       model gets the earlier turns; --provider and --model default to the
                       session's
  -c, --continue       continue the newest session (--resume latest)
  --base-url URL       the API's URL (default: the provider's own; needed for openai-compatible)
  --api-key-file FILE  read the API key from FILE ('-': from standard input, e.g. piped from a
                       password manager); by default it is read from ANTHROPIC_API_KEY
                       (anthropic), OPENROUTER_API_KEY (openrouter) or OPENAI_API_KEY (the others)
  --api-key K          the key itself. Avoid it: a command line is visible to every process on
                       the machine (ps, /proc/PID/cmdline) and stays in your shell history
  --json FILE          also write this run's events to FILE as JSON Lines (one SessionEvent
                       per line), each appended as it happens, so a crash keeps all up to it
  --runtime node       the real folder and real processes (default)
  --runtime browser    just-bash over an in-memory copy of the folder (its files are not
                       changed; the session is still stored in .kiln/sessions)
  --permission-mode M  ask (default with a terminal): asks before each command and edit
                       (Allow once / Always for this command prefix / Deny);
                       auto-edit: edits run, commands ask; auto: everything runs;
                       plan: read only. Without a terminal a mode must be given, and
                       whatever would ask is refused (allow it with --allow).
  --allow RULE         runs without asking, e.g. 'bash(npm test)', 'bash(npm run *)',
                       'edit(src/**)', 'write' (repeatable)
  --deny RULE          never runs, whatever the mode (repeatable); deny > allow

The key goes to the model API only and is never printed. With --runtime node, commands run
under a separate process that kiln starts without the key and detaches from itself, so no
command finds the key in its environment nor in any ancestor's (/proc/PID/environ, cmdline).
Ctrl+C stops the turn (twice quits at once).
Exit code: 0 when the turn completed, 1 when it ended otherwise, 2 for a usage error.
`;

export const SESSIONS_HELP = `Usage: kiln sessions [--dir DIR] [--json]

Lists the sessions 'kiln run' stored in DIR/.kiln/sessions (default DIR: the current folder),
newest first: id, when it started (UTC), turns, model and the last prompt.

  --dir DIR            the project folder (default .)
  --json               print them as JSON: [{id, started, lastPrompt, turns, model, skippedLines}]

Continue one with: kiln run --dir DIR --resume ID -p PROMPT (or --continue for the newest).
`;

export const MAIN_HELP = `kiln: the Kiln coding agent over a folder, without the browser.

Usage:
  kiln tool NAME --dir DIR [--args JSON] [--runtime node|browser] [--json]
      Run one tool and print exactly what the model would receive.
  kiln run --dir DIR --provider anthropic|openai --model M -p PROMPT
           [--resume SESSION|latest | --continue] [--base-url URL] [--api-key-file FILE]
           [--json FILE] [--runtime node|browser]
           [--permission-mode ask|auto-edit|auto|plan] [--allow RULE] [--deny RULE]
      Run the agent for one turn, printing a readable log. The session is stored in
      DIR/.kiln/sessions, so a later run can continue it.
  kiln sessions [--dir DIR] [--json]
      List the stored sessions.
  kiln help [COMMAND]
      This text, or a command's options.

--runtime node (default) works on the real folder with real processes; --runtime browser
uses just-bash (the in-tab sandbox) over an in-memory copy, leaving the folder unchanged.
`;
