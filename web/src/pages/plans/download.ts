// A download that can fail in words: the file is fetched first (the page shows it is being prepared and,
// if the server refuses, its reason), then handed to the browser under the server's own file name.
import { ApiError, type Problem } from "../../api/client.ts";
import { fileNameOf } from "./fileName.ts";

export async function downloadFile(url: string, fallbackName: string): Promise<string> {
  const response = await fetch(url, { credentials: "same-origin" });
  if (!response.ok) {
    const isJson = (response.headers.get("content-type") ?? "").includes("json");
    throw new ApiError(response.status, isJson ? ((await response.json()) as Problem) : undefined);
  }
  const name = fileNameOf(response.headers.get("content-disposition"), fallbackName);
  const href = URL.createObjectURL(await response.blob());
  const link = document.createElement("a");
  link.href = href;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file once the click is handled; keep the blob a little for slow handoffs.
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
  return name;
}
