export { deriveField, deriveForm, humanize } from './derive-form.ts';
export {
  fieldsFor,
  type FieldDescriptor,
  type FieldKind,
  type FieldOption,
  type FieldVariant,
  type FormModel,
  type UiHint,
} from './field-descriptor.ts';
export { parseJson, validateField, type FieldCheck } from './validate-field.ts';
