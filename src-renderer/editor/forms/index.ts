export { deriveField, deriveForm, humanize } from './derive-form.ts';
export {
  fieldApplies,
  fieldsFor,
  type FieldDescriptor,
  type FieldKind,
  type FieldOption,
  type FieldVariant,
  type FormModel,
  type UiHint,
} from './field-descriptor.ts';
export { parseJson, validateField, type FieldCheck } from './validate-field.ts';
export { configProblems, hasProblemsUnder, problemsOfField, whereInField, type FieldProblem } from './field-problems.ts';
export {
  convertValue,
  freeKey,
  kindOf,
  moveItem,
  removeItem,
  renameKey,
  VALUE_KIND_LABELS,
  VALUE_KINDS,
  type ValueKind,
} from './json-value.ts';
export {
  newRow,
  rowProblems,
  rowsFromSchema,
  SCHEMA_TYPE_LABELS,
  SCHEMA_TYPES,
  schemaFromRows,
  withType,
  type SchemaRow,
  type SchemaType,
} from './schema-rows.ts';
export { defaultValue, lastKey, newListItem } from './default-value.ts';
export { emptyValueOf, valueShapeOf, type ShapeProperty, type ValueShape } from './value-shape.ts';
