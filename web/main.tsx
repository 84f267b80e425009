import { render } from "preact";
import { App } from "./app";
import { createAppState } from "./state/app-state";
import "./styles/index.css";

render(<App state={createAppState()} />, document.getElementById("app")!);
