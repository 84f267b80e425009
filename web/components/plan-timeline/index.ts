export { doneCount, PlanTimeline, relativeDay, type PlanTimelineProps } from "./plan-timeline";
