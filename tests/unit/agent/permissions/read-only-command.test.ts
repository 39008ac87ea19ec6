import { describe, expect, it } from 'vitest';
import { classifyCommand, isReadOnlyCommand } from '../../../../src/lib/agent/permissions';

const READ_ONLY = [
	'ls',
	'ls -la src',
	'pwd',
	'cat package.json',
	'head -n 40 src/main.ts',
	'tail -20 log.txt',
	'wc -l src/*.ts',
	'grep -rn "useState" src',
	"grep -n 'foo$' a.txt",
	'rg --type ts "export function" src',
	'find . -name "*.ts" -not -path "./node_modules/*"',
	'find src -type f | wc -l',
	'git status',
	'git log --oneline -20',
	'git diff HEAD~1 -- src/a.ts',
	'git show HEAD:src/a.ts',
	'git --no-pager log -p',
	'git -C packages/app status',
	'git branch -a',
	'git branch',
	'git tag --list',
	'git stash list',
	'echo hello world',
	'echo "a | b > c"',
	"echo 'no $(expansion) here'",
	'tree -L 2 src',
	'jq .scripts package.json',
	'sort names.txt | uniq -c | sort -rn | head',
	'cat a.txt && cat b.txt',
	'ls missing 2>/dev/null || echo none',
	'grep -c x a.txt 2>&1',
	'cd src && ls',
	'ls; pwd',
	'ls\npwd',
	'sed -n "10,20p" src/main.ts',
	"sed -n '/start/,/end/p' a.txt",
	"sed 's/foo/bar/g' a.txt",
	"sed -e 's/a/b/' -e '3d' a.txt",
	'find . -name "*.md" | xargs grep -l TODO',
	'xargs -0 -n 1 cat < list.txt',
	'wc -c <<< "text"',
	'diff a.txt b.txt',
	'du -sh src',
	'stat package.json',
	'date +%Y',
	'which node',
	'ls src # list the sources',
	'cut -d: -f1 a.txt | tr a-z A-Z | nl'
];

const WRITES_OR_UNVERIFIABLE: [string, RegExp][] = [
	['echo hi > a.txt', /redirects output into a file/],
	['echo hi >> a.txt', /redirects output/],
	['ls &> out.txt', /redirects output/],
	['cat a.txt | tee b.txt', /tee is not a known read-only command/],
	['sed -i "s/a/b/" a.txt', /sed -i/],
	['sed -i.bak s/a/b/ a.txt', /sed -i/],
	["sed -n 's/a/b/w out.txt' a.txt", /sed script/],
	["sed '1e rm -rf /' a.txt", /sed script/],
	["sed 'w out' a.txt", /sed script/],
	['sed -f script.sed a.txt', /sed -f/],
	['rm -rf src', /rm is not a known read-only command/],
	['mv a b', /mv/],
	['cp a b', /cp/],
	['mkdir x', /mkdir/],
	['touch x', /touch/],
	['npm install', /npm/],
	['npx vitest', /npx/],
	['node -e "1"', /node/],
	['awk \'{print > "x"}\' a.txt', /awk/],
	['find . -name "*.tmp" -delete', /find -delete/],
	['find . -exec rm {} \\;', /find -exec/],
	['find . -type f -execdir cat {} +', /find -execdir/],
	['find . -fprint out.txt', /find -fprint/],
	['echo $(rm -rf /)', /expands a variable or a command/],
	['echo "$(rm a)"', /expands/],
	['echo `rm a`', /backtick/],
	['echo "`rm a`"', /backtick/],
	['cat <(rm a)', /process substitution/],
	['(rm a)', /subshell/],
	['ls && rm a', /rm/],
	['ls; rm a', /rm/],
	['ls | xargs rm', /xargs runs rm/],
	['cat a | sh', /sh is not/],
	['ls &', /background/],
	['sleep 100 & ls', /background/],
	['X=1 ls', /sets a variable/],
	['echo $HOME', /expands a variable/],
	['echo ${PATH}', /expands/],
	['cat << EOF\nhi\nEOF', /heredoc/],
	['git commit -m x', /git commit is not a read-only git command/],
	['git push', /git push/],
	['git checkout main', /git checkout/],
	['git reset --hard', /git reset/],
	['git branch new-feature', /changes the repository/],
	['git branch -D old', /changes the repository/],
	['git tag v1', /changes the repository/],
	['git stash', /git stash changes/],
	['git -c core.pager=rm log', /git -c before the subcommand/],
	['git diff --output=x.patch', /--output writes a file/],
	['git grep -O foo', /runs another program/],
	['sort -o out.txt a.txt', /sort -o/],
	['sort --output=out a.txt', /sort -o/],
	['uniq a.txt b.txt', /uniq with two file names/],
	['tree -o out.txt', /tree -o/],
	['rg --pre ./script foo', /rg --pre/],
	['fd -x rm', /fd --exec/],
	['env rm a', /env with arguments/],
	['date -s "2020-01-01"', /set the clock/],
	['./build.sh', /not a known read-only command/],
	['/bin/rm a', /not a known read-only command/],
	['ls | | wc', /empty command/],
	['ls &&', /empty command/],
	['', /empty/],
	["echo 'unclosed", /single quote is not closed/],
	['echo "unclosed', /double quote is not closed/],
	['cat a <> b', /for writing/],
	['if true; then rm a; fi', /if is not/],
	['for f in *; do cat $f; done', /expands|for is not/]
];

describe('isReadOnlyCommand', () => {
	it.each(READ_ONLY)('allows %j', (command) => {
		expect(classifyCommand(command)).toEqual({ readOnly: true });
		expect(isReadOnlyCommand(command)).toBe(true);
	});

	it.each(WRITES_OR_UNVERIFIABLE)('refuses %j', (command, reason) => {
		const verdict = classifyCommand(command);
		expect(verdict.readOnly).toBe(false);
		if (!verdict.readOnly) expect(verdict.reason).toMatch(reason);
		expect(isReadOnlyCommand(command)).toBe(false);
	});

	it('treats quoted operators as plain text, unquoted ones as operators', () => {
		expect(isReadOnlyCommand("grep '>' a.txt")).toBe(true);
		expect(isReadOnlyCommand('grep ">" a.txt')).toBe(true);
		expect(isReadOnlyCommand('grep \\> a.txt')).toBe(true);
		expect(isReadOnlyCommand('grep > a.txt')).toBe(false);
		expect(isReadOnlyCommand("echo 'a; rm b'")).toBe(true);
		expect(isReadOnlyCommand('echo a\\; rm b')).toBe(true);
	});

	it('follows line continuations', () => {
		expect(isReadOnlyCommand('grep -rn \\\n  foo src')).toBe(true);
		expect(isReadOnlyCommand('ls \\\n && rm a')).toBe(false);
	});
});
