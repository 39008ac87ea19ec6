import { describe, expect, it } from 'vitest';
import { unfinishedInput } from '../../../../src/lib/runtime/shell/continuation';

describe('unfinishedInput', () => {
	it('is complete for ordinary lines, here-strings, shifts and comments', () => {
		for (const line of [
			'echo hi',
			'cat <<< "word"',
			'echo $((1 << 2))',
			'echo done # cat <<EOF',
			"echo '<<EOF'",
			''
		]) {
			expect(unfinishedInput(line), line).toBeUndefined();
		}
	});

	it('waits for a here-document delimiter, quoted or not, on a line of its own', () => {
		expect(unfinishedInput('cat <<EOF')).toBe('heredoc');
		expect(unfinishedInput('cat <<EOF\nbody\n EOF')).toBe('heredoc');
		expect(unfinishedInput('cat <<EOF\nbody\nEOF')).toBeUndefined();
		expect(unfinishedInput("cat << 'END' > f\n$HOME\nEND")).toBeUndefined();
		expect(unfinishedInput('cat <<"A" <<B\nx\nA\ny')).toBe('heredoc');
		expect(unfinishedInput('cat <<"A" <<B\nx\nA\ny\nB')).toBeUndefined();
	});

	it('lets <<- end on a tab-indented delimiter', () => {
		expect(unfinishedInput('cat <<-EOF\n\tbody\n\tEOF')).toBeUndefined();
		expect(unfinishedInput('cat <<EOF\n\tbody\n\tEOF')).toBe('heredoc');
	});

	it('waits for a closing quote and after a trailing backslash', () => {
		expect(unfinishedInput('echo "open')).toBe('quote');
		expect(unfinishedInput("echo 'it\\'")).toBeUndefined();
		expect(unfinishedInput('echo "a \\" b')).toBe('quote');
		expect(unfinishedInput('echo "two\nlines"')).toBeUndefined();
		expect(unfinishedInput('echo a \\')).toBe('backslash');
		expect(unfinishedInput('echo a \\\nb')).toBeUndefined();
	});
});

describe('unfinishedInput after an operator', () => {
	it('waits after a trailing |, |&, && or ||, past comments and blank lines', () => {
		for (const text of [
			'ls |',
			'ls | ',
			'ls |&',
			'make &&',
			'make ||',
			'ls | # then count',
			'make &&\n# next',
			'make &&\n\n',
			'echo "a" |',
			'cat <<EOF |\nbody\nEOF'
		]) {
			expect(unfinishedInput(text), text).toBe('operator');
		}
	});

	it('is complete when the operator is quoted, escaped, commented out, followed, or alone', () => {
		for (const text of [
			"echo 'a |'",
			'echo a \\|',
			'echo a # |',
			'ls |\nwc -l',
			'cat <<EOF | wc -l\nbody |\nEOF',
			'sleep 1 &',
			// bash reports these at once: there is no command before the operator.
			'|',
			'||'
		]) {
			expect(unfinishedInput(text), text).toBeUndefined();
		}
	});

	it("reads $'…' with its backslash escapes, \\' included", () => {
		expect(unfinishedInput("echo $'it\\'s'")).toBeUndefined();
		expect(unfinishedInput("echo $'open")).toBe('quote');
	});
});

describe('unfinishedInput with a shell parser', () => {
	it('asks the parser when the scanner sees nothing open, and reports a compound command', () => {
		const asked: string[] = [];
		const syntax = (text: string) => {
			asked.push(text);
			return text.startsWith('if');
		};
		expect(unfinishedInput('if true; then', syntax)).toBe('compound');
		expect(unfinishedInput('echo a', syntax)).toBeUndefined();
		// Open quotes and here-documents are the scanner's to tell; the parser is not asked.
		expect(unfinishedInput('if "open', syntax)).toBe('quote');
		expect(unfinishedInput('if cat <<EOF', syntax)).toBe('heredoc');
		expect(asked).toEqual(['if true; then', 'echo a']);
	});
});
