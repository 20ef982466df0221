/**
 * The README's code cannot rot: every ```ts block in README.md runs (with `./` imports pointed
 * at the repository) and must exit cleanly; the commands it names exist as deno.json tasks or
 * tools; the chat session it shows is what the shipped soul answers.
 */
import { chatTurn, parseTokenizer, readSoul } from "../mod.ts";
import { assert, assertEquals, assertRight } from "../lib/std/assert.ts";
import { bytesOf, repoPath, textOf } from "../lib/testing/paths.ts";

const readme = () => Deno.readTextFileSync(repoPath("README.md"));

const blocks = (lang: string): string[] =>
  [...readme().matchAll(new RegExp("```" + lang + "\\n([\\s\\S]*?)```", "g"))].map((m) => m[1]);

Deno.test("README: every TypeScript block runs", async () => {
  const ts = blocks("ts");
  assert(ts.length > 0, "the README has a script");
  for (const [i, code] of ts.entries()) {
    const dir = await Deno.makeTempDir();
    try {
      const file = `${dir}/block-${i}.ts`;
      await Deno.writeTextFile(file, code.replaceAll('from "./', `from "${repoPath("")}`));
      const { code: exit, stderr } = await new Deno.Command(Deno.execPath(), {
        args: ["run", "-A", file],
        cwd: repoPath(""),
        stdout: "null",
        stderr: "piped",
      }).output();
      assertEquals(exit, 0, `README block ${i}: ${new TextDecoder().decode(stderr)}`);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  }
});

Deno.test("README: the commands it shows exist", () => {
  const tasks = Object.keys(JSON.parse(Deno.readTextFileSync(repoPath("deno.json"))).tasks);
  for (const m of readme().matchAll(/deno@2\.9\.6 task (\w+)|deno task (\w+)/g)) {
    const task = m[1] ?? m[2];
    assert(tasks.includes(task), `README names "deno task ${task}", which deno.json lacks`);
  }
  for (const m of readme().matchAll(/deno run -A (tools\/[\w-]+\.ts)/g)) {
    Deno.statSync(repoPath(m[1]));
  }
  const sh = blocks("sh").join("\n");
  for (const cmd of ["npx -y deno@2.9.6 task chat", "npx -y deno@2.9.6 task test"]) {
    assert(sh.includes(cmd), `the README shows "${cmd}"`);
  }
});

Deno.test("README: the chat transcript is what the shipped soul says", () => {
  const soul = assertRight(readSoul(bytesOf(repoPath("corpora/default.soul")), "default.soul"));
  const tok = assertRight(parseTokenizer(textOf(repoPath("corpora/default-tokenizer.json"))));
  const turns = [...readme().matchAll(/^YOU> (.+)\nC64> (.*)$/gm)];
  assert(turns.length >= 3, "the README shows a chat session");
  for (const [, prompt, reply] of turns) {
    assertEquals(assertRight(chatTurn(soul, tok, prompt)).reply, reply, prompt);
  }
});
