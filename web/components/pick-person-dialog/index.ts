export { PickPersonDialog, type PickPersonDialogProps } from "./pick-person-dialog";
