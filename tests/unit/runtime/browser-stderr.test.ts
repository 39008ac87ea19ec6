/**
 * The offline runtime shows stderr as bash does at a terminal: in order between the lines of
 * stdout, and never inside a pipe, a `>` file or a `$(...)`. Unless a test says otherwise, each
 * expected output is exactly what `bash -c '<command>' 2>&1` prints (GNU cat words its error the
 * same way as just-bash's).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBrowserRuntime } from '../../../src/lib/runtime/browser';
import type { Runtime } from '../../../src/lib/runtime/types';

const ERR = 'cat: /nope: No such file or directory\n';

let runtime: Runtime;
beforeAll(async () => {
	runtime = await createBrowserRuntime({ files: { 'lines.txt': 'l1\nl2\n' } });
});
afterAll(() => runtime.dispose());

/** Runs each command line and returns what it printed, keyed by the line. */
async function outputs(lines: readonly string[]): Promise<Record<string, string>> {
	const printed: Record<string, string> = {};
	for (const line of lines) printed[line] = (await runtime.exec(line)).output;
	return printed;
}

/** Expects each command line to print exactly its expected output. */
async function expectOutputs(table: Record<string, string>): Promise<void> {
	expect(await outputs(Object.keys(table))).toEqual(table);
}

describe('stderr in the offline runtime, as in bash', () => {
	it('keeps stderr out of pipes, > and >> files, and $(...)', async () => {
		await expectOutputs({
			// Both bash and here print the error and 0; in bash their order is a race.
			'cat /nope | wc -l': `0\n${ERR}`,
			'f() { cat /nope; echo out; }; f > f.txt; cat f.txt': `${ERR}out\n`,
			'cat /nope > a.txt; cat /nope >> a.txt; wc -c < a.txt': `${ERR}${ERR}0\n`,
			'echo "[$(cat /nope)]"': `[]\n${ERR}`,
			'nosuch | wc -l': '0\nbash: nosuch: command not found\n',
			'for i in 1 2; do cat /nope; done | wc -l': `0\n${ERR}${ERR}`,
			'bash -c "cat /nope" | wc -l': `0\n${ERR}`
		});
		// An assignment's `$(...)` keeps its status; its stderr comes after the line's output.
		expect((await runtime.exec('x=$(cat /nope); echo "rc=$? x=[$x]"')).output).toBe(
			`rc=1 x=[]\n${ERR}`
		);
	});

	it('puts stderr in order between the lines of stdout', async () => {
		await expectOutputs({
			'echo a; cat /nope; echo b': `a\n${ERR}b\n`,
			'echo a; echo e >&2; echo b': 'a\ne\nb\n',
			'echo a && cat /nope || echo failed; echo next': `a\n${ERR}failed\nnext\n`,
			'if cat /nope; then echo y; else echo n; fi': `${ERR}n\n`,
			'if true; then echo a; cat /nope; echo b; fi': `a\n${ERR}b\n`,
			'for i in 1 2; do echo $i; echo e$i >&2; done': '1\ne1\n2\ne2\n',
			'i=0; while [ $i -lt 2 ]; do echo $i; echo e$i >&2; i=$((i+1)); done': '0\ne0\n1\ne1\n',
			'while read l; do echo "$l"; echo "e$l" >&2; done < lines.txt': 'l1\nel1\nl2\nel2\n',
			'case x in x) echo a; echo e >&2; echo b;; esac': 'a\ne\nb\n',
			'{ echo a; cat /nope; echo b; }': `a\n${ERR}b\n`,
			'(echo a; cat /nope; echo b)': `a\n${ERR}b\n`,
			'cat <<EOF\nhello\nEOF\ncat /nope\necho after': `hello\n${ERR}after\n`
		});
	});

	it("keeps each command's own redirections of stdout and stderr", async () => {
		await expectOutputs({
			'cat /nope 2>/dev/null; echo after': 'after\n',
			'cat /nope 2> e.txt; echo after; cat e.txt': `after\n${ERR}`,
			'cat /nope > b.txt 2>&1; echo after; cat b.txt': `after\n${ERR}`,
			'cat /nope &> c.txt; echo after; cat c.txt': `after\n${ERR}`,
			'cat /nope 2>&1 | wc -l': '1\n',
			'cat /nope |& wc -l': '1\n',
			'cat /nope 2>&1 >/dev/null | wc -l': '1\n',
			'echo a >&2 | wc -c': '0\na\n',
			'{ echo a; cat /nope; echo b; } 2>/dev/null': 'a\nb\n',
			'{ echo a; cat /nope; } > g.txt; cat g.txt': `${ERR}a\n`,
			'for i in 1; do cat /nope; done 2>/dev/null; echo after': 'after\n',
			'exec 2>/dev/null; cat /nope; echo after': 'after\n'
		});
	});

	it('merges a pipeline or a function call whole, its stdout first', async () => {
		// bash prints `a`, the error, then `b`: a function's body may be called with its stdout
		// anywhere, so it is not rewritten, and a pipeline's earlier commands write to the pipe.
		await expectOutputs({
			'f() { echo a; cat /nope; echo b; }; f': `a\nb\n${ERR}`,
			'echo a | cat; cat /nope | cat; echo b': `a\n${ERR}b\n`
		});
	});

	it('keeps set -e, $?, PIPESTATUS and $LINENO as they were', async () => {
		await expectOutputs({
			'set -e; false || echo ok; echo after': 'ok\nafter\n',
			'set -e; false | true && echo yes; echo after': 'yes\nafter\n',
			// A line with a pipeline is merged whole (bash: the error, 0, caught).
			'set -eo pipefail; cat /nope | wc -l || echo caught; echo after': `0\ncaught\n${ERR}after\n`,
			'set -e; echo a; false; echo never': 'a\n',
			'false | true; echo "${PIPESTATUS[@]}"': '1 0\n',
			'cat /nope; echo "rc=$?"': `${ERR}rc=1\n`,
			'echo $LINENO\necho $LINENO | cat\nif true; then\n  echo $LINENO\nfi': '1\n2\n4\n'
		});
		const failed = await runtime.exec('echo a\ncat /nope');
		expect(failed).toMatchObject({ exitCode: 1, output: `a\n${ERR}` });
	});
});
