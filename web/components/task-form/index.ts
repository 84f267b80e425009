export { FormFields, type FormFieldsProps } from "./form-fields";
export * from "./form-values";
