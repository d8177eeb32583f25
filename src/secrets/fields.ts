/**
 * Onboarding fields built from the app env contract: a setting's secret flag, its default and its
 * check come from the same data the targets and the `app-env` check read (a contract-keyed setting
 * is checked by its contract key's schema, any other by the setting's format).
 */
import { appSetting } from '../contract/app-env/settings.js';
import { formatProblem } from '../contract/app-env/formats.js';
import { APP_FIELDS, type AppFieldKey } from '../contract/fields-app.js';
import type { OnboardField, Values } from './types.js';

export interface FieldOptions {
  default?: string | ((values: Values) => string | undefined);
  required?: boolean | ((values: Values) => boolean);
  when?: (values: Values) => boolean;
  check?: (value: string, values: Values) => string | undefined;
}

/** The setting's own check: its contract key's schema, or its format. */
export function settingCheck(name: string): (value: string) => string | undefined {
  const setting = appSetting(name);
  if (!setting) throw new Error(`internal: ${name} is no setting of the app env contract`);
  const key = setting.contractKey as AppFieldKey | undefined;
  if (key && Object.hasOwn(APP_FIELDS, key)) {
    const schema = APP_FIELDS[key].schema;
    return (value) => {
      const parsed = schema.safeParse(value);
      return parsed.success ? undefined : (parsed.error.issues[0]?.message ?? 'is not valid');
    };
  }
  return (value) => formatProblem(setting.format, value, setting.values);
}

/** A field for one app setting; the prompt text is given, the rest comes from the contract data. */
export function settingField(name: string, message: string, options: FieldOptions = {}): OnboardField {
  const setting = appSetting(name);
  if (!setting) throw new Error(`internal: ${name} is no setting of the app env contract`);
  const own = settingCheck(name);
  const fallback = options.default ?? setting.default;
  const required = options.required ?? false;
  return {
    name,
    message,
    kind: setting.secret ? 'secret' : setting.format === 'bool' ? 'confirm' : 'text',
    ...(fallback !== undefined ? { default: typeof fallback === 'function' ? fallback : () => fallback } : {}),
    required: typeof required === 'function' ? required : () => required,
    ...(options.when ? { when: options.when } : {}),
    check: (value, values) => options.check?.(value, values) ?? own(value),
  };
}

/** A cache lifetime in seconds: a positive whole number, 60 by default (the app's own default). */
export function cacheTtlField(name: string): OnboardField {
  return settingField(name, 'Secret cache TTL (seconds)', {
    required: true,
    check: (value) => (/^\d+$/.test(value.trim()) && Number(value) > 0 ? undefined : 'must be a whole number of seconds greater than zero'),
  });
}

/** An onboarding choice that is no app setting (e.g. AWS_USE_PROFILE). */
export function choiceField(name: string, message: string, options: { default: (values: Values) => string; when?: (values: Values) => boolean }): OnboardField {
  return { name, message, kind: 'confirm', default: options.default, required: () => true, choiceOnly: true, ...(options.when ? { when: options.when } : {}) };
}

export const isOn = (value: string | undefined): boolean => value !== undefined && /^(1|true|yes|y|on)$/i.test(value.trim());
export const given = (value: string | undefined): boolean => value !== undefined && value.trim() !== '';
