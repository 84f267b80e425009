export { DueBadge, type DueBadgeProps } from "./due-badge";
export { DUE_SOON_MS, dueLabel, dueState, type DueLabel, type DueState } from "./due";
export * from "./format";
