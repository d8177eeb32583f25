// Compares a compact provider schema (scripts/provider-schema-extract.mjs) with the provider's own,
// as `terraform providers schema -json` prints it. One check per attribute (present on both sides,
// same kind: required, optional, or computed-only) and per block (present on both sides, same
// at-most-one, same required), recursively; every disagreement is listed with its path.

/** required | optional | computed, as the compact schema says it. */
function realKind(attribute) {
  if (attribute.required) return 'required';
  if (attribute.optional) return 'optional';
  return 'computed';
}

function compareBlock(ours, real, path, out) {
  const realAttributes = real.attributes ?? {};
  const realBlocks = real.block_types ?? {};
  const names = new Set([...Object.keys(realAttributes), ...Object.keys(ours.attributes)]);
  for (const name of [...names].sort()) {
    out.checks++;
    const mine = ours.attributes[name];
    const theirs = realAttributes[name];
    if (mine === undefined && ours.blocks[name] === undefined) out.disagreements.push(`${path}.${name}: attribute missing from the extracted schema (real: ${realKind(theirs)})`);
    else if (theirs === undefined) {
      if (realBlocks[name] === undefined) out.disagreements.push(`${path}.${name}: attribute not in the real schema (extracted: ${mine})`);
      else if (mine !== undefined) out.disagreements.push(`${path}.${name}: an attribute in the extracted schema, a block in the real one`);
    } else if (mine === undefined) out.disagreements.push(`${path}.${name}: a block in the extracted schema, an attribute in the real one (${theirs.nested_type ? 'nested attribute' : realKind(theirs)})`);
    else if (mine !== realKind(theirs)) out.disagreements.push(`${path}.${name}: extracted ${mine}, real ${realKind(theirs)}`);
  }
  for (const name of Object.keys(realBlocks).sort()) {
    const theirs = realBlocks[name];
    const mine = ours.blocks[name];
    out.checks++;
    if (!mine) {
      if (ours.attributes[name] === undefined) out.disagreements.push(`${path}.${name}: block missing from the extracted schema`);
      continue;
    }
    const one = theirs.nesting_mode === 'single' || theirs.nesting_mode === 'group' || theirs.max_items === 1;
    if ((mine.nesting === 'single') !== one) out.disagreements.push(`${path}.${name}: extracted nesting ${mine.nesting}, real ${theirs.nesting_mode} max_items ${theirs.max_items ?? '-'}`);
    out.checks++;
    if (Boolean(mine.required) !== (theirs.min_items ?? 0) >= 1) out.disagreements.push(`${path}.${name}: extracted ${mine.required ? 'required' : 'optional'}, real min_items ${theirs.min_items ?? 0}`);
    if (!mine.open) compareBlock(mine, theirs.block ?? {}, `${path}.${name}`, out);
  }
  for (const name of Object.keys(ours.blocks).sort()) {
    if (realBlocks[name] || realAttributes[name]) continue;
    out.checks++;
    out.disagreements.push(`${path}.${name}: block not in the real schema`);
  }
}

/**
 * `ours`: a compact schema; `real`: one provider's entry of `terraform providers schema -json`
 * (`provider_schemas["registry.terraform.io/hashicorp/aws"]`). Types missing on either side count
 * as disagreements too. Returns the number of checks and the disagreements.
 */
export function compareWithReal(ours, real) {
  const out = { checks: 0, disagreements: [] };
  const sides = [
    ['resource', ours.resources, real.resource_schemas ?? {}, ours.resourceTypes],
    ['data', ours.dataSources, real.data_source_schemas ?? {}, ours.dataSourceTypes],
  ];
  for (const [kind, mine, theirs, names] of sides) {
    for (const type of Object.keys(theirs).sort()) {
      out.checks++;
      if (!names.includes(type)) out.disagreements.push(`${kind}.${type}: type missing from the extracted type list`);
    }
    for (const type of Object.keys(mine).sort()) {
      if (!theirs[type]) {
        out.checks++;
        out.disagreements.push(`${kind}.${type}: type not in the real schema`);
        continue;
      }
      compareBlock(mine[type], theirs[type].block ?? {}, `${kind}.${type}`, out);
    }
  }
  if (ours.provider && real.provider) compareBlock(ours.provider, real.provider.block ?? {}, 'provider', out);
  return out;
}
