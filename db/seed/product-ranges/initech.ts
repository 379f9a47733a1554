import type { ItemTemplate } from "./item-template";

/** Initech's range of store and office supplies, for Globex. */

export const initechSupplies: ItemTemplate[] = [
  {
    name: "Copy paper A4",
    variants: ["80 g 500 sheets", "100 g 250 sheets"],
    category: "Paper",
    uom: "PK",
    cost: [2.6, 5.5],
    demand: [20, 200],
    packs: [5, 10],
  },
  {
    name: "Receipt roll",
    variants: ["80 mm thermal", "57 mm thermal"],
    category: "Store supplies",
    uom: "ROLL",
    cost: [0.4, 1.1],
    demand: [30, 300],
    packs: [50, 100],
  },
  {
    name: "Carrier bag",
    variants: ["paper large", "paper small", "reusable woven"],
    category: "Store supplies",
    uom: "EA",
    cost: [0.1, 1.6],
    demand: [100, 1400],
    packs: [250, 500],
  },
  {
    name: "Price label",
    variants: ["26×16 mm white", "26×16 mm yellow 'Sale'"],
    category: "Store supplies",
    uom: "ROLL",
    cost: [0.6, 1.4],
    demand: [5, 60],
    packs: [36],
  },
  {
    name: "Ballpoint pen",
    variants: ["blue 10-pack", "black 10-pack"],
    category: "Office",
    uom: "PK",
    cost: [1.2, 3],
    demand: [1, 12],
    packs: [10],
  },
  {
    name: "Cleaning wipes",
    variants: ["surface 100-pack"],
    category: "Cleaning",
    uom: "PK",
    cost: [2, 4.2],
    demand: [4, 40],
    packs: [12],
  },
  {
    name: "Hand sanitiser",
    variants: ["500 ml pump"],
    category: "Cleaning",
    uom: "EA",
    cost: [2.5, 5],
    demand: [2, 24],
    packs: [12],
  },
];
