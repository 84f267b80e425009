export { PlanTimeline, relativeDay, type PlanTimelineProps } from "./plan-timeline";
