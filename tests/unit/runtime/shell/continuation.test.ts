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
