// Writes src/Qualis/Platform/Localization/pinyin.txt, the character → reading table behind PinyinSort (拼音排序).
// The readings are facts (Unicode Unihan kMandarin, as collected in the npm package pinyin-data, ISC); this script
// only reshapes them: the first, most common reading of each character, without tone marks and with the tone as a
// digit (1–4, 5 for the neutral tone; ü written v), one line per reading: "zhang1<TAB>张章彰…".
//
//   cd /tmp && npm pack pinyin-data@1.0.0 && tar xzf pinyin-data-1.0.0.tgz
//   node scripts/pinyin-table.mjs /tmp/package > src/Qualis/Platform/Localization/pinyin.txt
import { createRequire } from "node:module";
import path from "node:path";

const dir = process.argv[2];
if (!dir) { console.error("usage: node scripts/pinyin-table.mjs <unpacked pinyin-data package>"); process.exit(2); }
const data = createRequire(import.meta.url)(path.resolve(dir, "全拼数据.js")).带音调拼音;

const marks = { "ā": ["a", 1], "á": ["a", 2], "ǎ": ["a", 3], "à": ["a", 4], "ē": ["e", 1], "é": ["e", 2], "ě": ["e", 3], "è": ["e", 4],
  "ī": ["i", 1], "í": ["i", 2], "ǐ": ["i", 3], "ì": ["i", 4], "ō": ["o", 1], "ó": ["o", 2], "ǒ": ["o", 3], "ò": ["o", 4],
  "ū": ["u", 1], "ú": ["u", 2], "ǔ": ["u", 3], "ù": ["u", 4], "ǖ": ["v", 1], "ǘ": ["v", 2], "ǚ": ["v", 3], "ǜ": ["v", 4], "ü": ["v", 0],
  "ń": ["n", 2], "ň": ["n", 3], "ǹ": ["n", 4], "ḿ": ["m", 2], "m̀": ["m", 4], "ê̄": ["e", 1], "ế": ["e", 2], "ê̌": ["e", 3], "ề": ["e", 4], "ê": ["e", 0] };

function plain(reading) {
  let tone = 0, out = "";
  for (const ch of reading.normalize("NFC")) {
    const m = marks[ch];
    if (m) { out += m[0]; if (m[1]) tone = m[1]; } else if (/[a-z]/.test(ch)) out += ch; else if (!/\p{M}/u.test(ch)) return null;
  }
  return out ? out + (tone || 5) : null;
}

const byReading = new Map();
for (const [ch, readings] of Object.entries(data)) {
  const first = plain(readings.split(",")[0].trim());
  if (!first) continue;
  if (!byReading.has(first)) byReading.set(first, []);
  byReading.get(first).push(ch);
}
const lines = [...byReading.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  .map(([reading, chars]) => reading + "\t" + chars.sort((a, b) => a.codePointAt(0) - b.codePointAt(0)).join(""));
process.stdout.write(lines.join("\n") + "\n");
