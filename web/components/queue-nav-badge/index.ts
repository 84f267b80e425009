export { QueueNavBadge } from "./queue-nav-badge";
