import { describe, expect, it } from 'vitest';
import { UnsafeValueError } from '../../src/render/serializers.js';
import { hclString, renderBackendS3, renderTfvars } from '../../src/render/tfvars.js';

describe('renderTfvars (hcl)', () => {
  it('aligns runs of single-line attributes, puts maps in blocks with sorted keys, keeps the top-level order', () => {
    const text = renderTfvars(
      {
        region: 'eu-west-1',
        project_name: 'acme',
        tags: { 'cost-center': 'x', Owner: 'platform', 'a b': '1', for: 'kw' },
        count: 3,
        enabled: true,
        nothing: null,
        subnets: ['a', 'b'],
        rules: [{ port: 443, cidr: ['0.0.0.0/0'] }, 'x'],
        empty_map: {},
        empty_list: [],
      },
      'hcl',
    );
    expect(text).toBe(
      [
        'region       = "eu-west-1"',
        'project_name = "acme"',
        'tags = {',
        '  Owner       = "platform"',
        '  "a b"       = "1"',
        '  cost-center = "x"',
        '  "for"       = "kw"',
        '}',
        'count   = 3',
        'enabled = true',
        'nothing = null',
        'subnets = ["a", "b"]',
        'rules = [',
        '  {',
        '    cidr = ["0.0.0.0/0"]',
        '    port = 443',
        '  },',
        '  "x",',
        ']',
        'empty_map  = {}',
        'empty_list = []',
        '',
      ].join('\n'),
    );
  });

  it('escapes quotes, backslashes, control characters and template openers', () => {
    expect(hclString('a"b\\c\nd\te\r\u0001${x}%{y}$$ %')).toBe('"a\\"b\\\\c\\nd\\te\\r\\u0001$${x}%%{y}$$ %"');
  });

  it('refuses what HCL cannot carry unchanged, naming the key', () => {
    expect(() => renderTfvars({ name: 'e\u0301' }, 'hcl')).toThrow(/^name: is not in Unicode NFC/);
    expect(() => renderTfvars({ m: { k: '\ud800' } }, 'hcl')).toThrow(/^m\.k: holds an unpaired UTF-16 surrogate/);
    expect(() => renderTfvars({ n: Number.NaN }, 'hcl')).toThrow(UnsafeValueError);
    expect(() => renderTfvars({ 'not a name': 1 }, 'hcl')).toThrow(/^not a name: is not a Terraform variable name/);
  });

  it('an empty file is empty', () => {
    expect(renderTfvars({}, 'hcl')).toBe('');
  });
});

describe('renderTfvars (json)', () => {
  it('2-space JSON, top level in order, map keys sorted, newline at the end, strings literal', () => {
    expect(renderTfvars({ z: { b: 1, a: [{ d: 1, c: 2 }] }, a: '${x}' }, 'json')).toBe(
      '{\n  "z": {\n    "a": [\n      {\n        "c": 2,\n        "d": 1\n      }\n    ],\n    "b": 1\n  },\n  "a": "${x}"\n}\n',
    );
  });
});

describe('renderBackendS3', () => {
  it('writes an aligned backend block', () => {
    expect(renderBackendS3({ bucket: 'acme-tfstate', key: 'prod/terraform.tfstate', region: 'eu-west-1', use_lockfile: true })).toBe(
      'terraform {\n  backend "s3" {\n    bucket       = "acme-tfstate"\n    key          = "prod/terraform.tfstate"\n    region       = "eu-west-1"\n    use_lockfile = true\n  }\n}\n',
    );
    expect(renderBackendS3({ bucket: 'b', key: 'k', region: 'r', dynamodb_table: 'locks' })).toContain('    dynamodb_table = "locks"\n');
  });
});
