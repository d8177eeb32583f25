import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseDotenv } from '../../src/render/dotenv.js';
import { render } from '../../src/render/engine.js';
import { caddyToken, composeString, dotenvValue, markdownCode, shellWord, yamlString } from '../../src/render/serializers.js';

describe('serializers', () => {
  it('YAML strings parse back unchanged', () => {
    for (const value of ['plain', 'a: b', '# not a comment', "it's \"quoted\"", 'yes', '123', 'ünïcødé ✓', '']) {
      expect(parse(`k: ${yamlString(value)}`)).toEqual({ k: value });
    }
  });

  it('compose strings double every $', () => {
    expect(composeString('a$b${C}')).toBe('"a$$b$${C}"');
  });

  it('dotenv values read back unchanged with the dotenv reader', () => {
    for (const value of ['plain', "it's", 'a$b ${C}', 'x # y', '"q"', 'back\\slash', "mix 'of' \"both\" $x", '']) {
      expect(parseDotenv(`K=${dotenvValue(value)}\n`).get('K')).toBe(value);
    }
    expect(() => dotenvValue('two\nlines')).toThrow();
  });

  it('Caddyfile tokens refuse anything that is not a bare token', () => {
    expect(caddyToken('app.example.com')).toBe('app.example.com');
    for (const bad of ['{$HOST}', 'a b', 'a"b', 'a\nb']) expect(() => caddyToken(bad)).toThrow();
  });

  it('shell words and markdown code are quoted safely', () => {
    expect(shellWord('/var/backups/x')).toBe('/var/backups/x');
    expect(shellWord("it's")).toBe("'it'\\''s'");
    expect(markdownCode('a`b')).toBe('``a`b``');
  });
});

describe('render', () => {
  it('fails on a missing field (strict) and does not HTML-escape', () => {
    expect(() => render('t-missing', '{{yaml missing}}', {})).toThrow(/missing/);
    expect(render('t-escape', '{{text v}}', { v: '<a & b>' })).toBe('<a & b>');
  });
});
