import { defaultValue, fieldsFor, lastKey, type FieldDescriptor } from '../../../editor/forms/index.ts';
import { asObject, type FieldProps, type RenderField } from './field-props.ts';

/**
 * The fields of an object value, each its own inspector field. For a discriminated union (an Agent tool's kind) the
 * kind comes first and picks the other fields; choosing another kind keeps the plain values the new kind also has.
 */
export function ObjectFields(props: FieldProps & { at: (string | number)[]; renderField: RenderField; className?: string }) {
  const { field, value, onChange, at, renderField, problems } = props;
  const object = asObject(value);
  const union = field.discriminator;
  return (
    <div className={props.className}>
      {fieldsFor(field, object).map((child) => {
        const key = lastKey(child);
        const change =
          key === union?.key
            ? (next: unknown) => onChange(switchVariant(field, object, next))
            : (next: unknown) => onChange(withKey(object, key, next));
        return (
          <div key={key}>
            {renderField({ field: child, value: object[key], onChange: change, at: [...at, key], problems, config: props.config })}
          </div>
        );
      })}
    </div>
  );
}

function withKey(object: Record<string, unknown>, key: string, next: unknown): Record<string, unknown> {
  if (next === undefined) {
    const { [key]: _dropped, ...rest } = object;
    return rest;
  }
  return { ...object, [key]: next };
}

/** The object as the variant of `kind`: that variant's defaults, with the old text, numbers and yes/no it shares kept. */
function switchVariant(field: FieldDescriptor, object: Record<string, unknown>, kind: unknown): Record<string, unknown> {
  const union = field.discriminator!;
  const variant = union.variants.find((v) => v.value === kind);
  if (variant === undefined) return { ...object, [union.key]: kind };
  const fresh = asObject(defaultValue({ ...field, discriminator: { ...union, variants: [variant] } }));
  for (const child of variant.fields) {
    const key = lastKey(child);
    const old = object[key];
    if (typeof old === 'string' || typeof old === 'number' || typeof old === 'boolean') fresh[key] = old;
  }
  return fresh;
}
