export { isTypingTarget, useListNav, type ListNavOptions } from "./use-list-nav";
