// Validates JSON files against a JSON Schema (draft 2020-12) with ajv, an independent validator.
// Usage: node tools/validate-json.mjs SCHEMA FILE... ; exit 0 when every file is valid.
import Ajv2020 from 'ajv/dist/2020.js';
import { readFileSync } from 'node:fs';

const [schemaPath, ...files] = process.argv.slice(2);
if (!schemaPath || files.length === 0) {
  console.error('usage: node tools/validate-json.mjs SCHEMA FILE...');
  process.exit(2);
}
// Formats such as "uint32" come from the Rust types; their ranges are also expressed with
// minimum/maximum, so unknown format names are ignored rather than refused.
const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });
const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));
let failed = 0;
for (const file of files) {
  const ok = validate(JSON.parse(readFileSync(file, 'utf8')));
  if (ok) {
    console.log(`valid: ${file}`);
  } else {
    failed++;
    console.log(`INVALID: ${file}`);
    for (const e of validate.errors) console.log(`  ${e.instancePath || '/'} ${e.message}`);
  }
}
process.exit(failed ? 1 : 0);
