import { assertEquals } from "../std/assert.ts";
import { decodeName, encodeName, unpad } from "./petscii.ts";

const enc = (text: string, kind: "file" | "disk" | "id" = "file") => {
  const r = encodeName(text, kind);
  return "bytes" in r ? [...r.bytes] : r.reason;
};

Deno.test("letters of either case become the unshifted PETSCII capitals $41-$5A", () => {
  assertEquals(enc("soul64"), [0x53, 0x4f, 0x55, 0x4c, 0x36, 0x34]);
  assertEquals(enc("SOUL64"), enc("soul64"));
  assertEquals(enc("Az"), [0x41, 0x5a]);
});

Deno.test("punctuation shared by ASCII and PETSCII keeps its code; £ is $5C", () => {
  for (const text of [" !#$%&'()+", "-./;<>@[]"]) {
    assertEquals(enc(text, "disk"), [...text].map((c) => c.charCodeAt(0)));
  }
  assertEquals(enc("a\u00a3b"), [0x41, 0x5c, 0x42]);
});

Deno.test("refused characters and lengths", () => {
  for (const ch of ['"', "*", "?", ",", ":", "="]) {
    assertEquals(typeof enc(`a${ch}`), "string", ch);
  }
  // The disk name may use the DOS separators, but not a quote.
  assertEquals(enc("a,b:c", "disk"), [0x41, 0x2c, 0x42, 0x3a, 0x43]);
  assertEquals(typeof enc('a"', "disk"), "string");
  for (const ch of ["\\", "^", "_", "`", "{", "|", "}", "~", "\n", "\u00e9"]) {
    assertEquals(typeof enc(`a${ch}`), "string", JSON.stringify(ch));
  }
  assertEquals(enc("", "disk"), []);
  assertEquals(typeof enc(""), "string");
  assertEquals(typeof enc("x".repeat(17)), "string");
  assertEquals(enc("x".repeat(16)).length, 16);
  assertEquals(typeof enc("abc", "id"), "string");
  assertEquals(enc("2a", "id"), [0x32, 0x41]);
  assertEquals(typeof enc("@name"), "string");
  assertEquals(enc("n@me"), [0x4e, 0x40, 0x4d, 0x45]);
});

Deno.test("decoding shows capitals, £, and other bytes as {$xx}; padding is dropped", () => {
  assertEquals(decodeName(new Uint8Array([0x53, 0x5c, 0x20, 0xc1, 0x0d])), "S£ {$c1}{$0d}");
  assertEquals([...unpad(new Uint8Array([0x41, 0xa0, 0x42, 0xa0, 0xa0]))], [0x41, 0xa0, 0x42]);
  const r = encodeName("Soul £64 [x]", "file");
  assertEquals("bytes" in r ? decodeName(r.bytes) : r.reason, "SOUL £64 [X]");
});
