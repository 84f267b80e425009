export { Decided } from "./decided";
