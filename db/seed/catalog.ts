import type { Role } from "../schema";
import type { DemandPattern, SupplierBehaviour } from "./simulate";

/**
 * The demo companies, sites, people and product ranges (docs/domain.md, "Demo tenant"). Numbers here
 * are ranges; the generator draws the actual values from its seeded streams.
 */

export const DEMO_PASSWORD = "vmi-demo-2026";

export interface ItemTemplate {
  /** Base name; each variant becomes one item named `${name} ${variant}`. */
  name: string;
  variants: readonly string[];
  category: string;
  uom: string;
  /** Unit cost range in the tenant's currency. */
  cost: readonly [number, number];
  /** Mean daily consumption range per site, in the unit of measure. */
  demand: readonly [number, number];
  /** Pack sizes the supplier ships in. */
  packs: readonly number[];
}

export interface SupplierSpec {
  code: string;
  name: string;
  /** SKU prefix, e.g. NW- for Northwind. */
  prefix: string;
  /** First SKU number. */
  firstSku: number;
  leadTime: readonly [number, number];
  reviewPeriods: readonly number[];
  /** How this supplier tends to replenish: weights of the per-agreement behaviour. */
  behaviours: Readonly<Record<SupplierBehaviour, number>>;
  items: readonly ItemTemplate[];
}

export interface SiteSpec {
  code: string;
  name: string;
}

export interface TenantSpec {
  slug: string;
  name: string;
  currency: string;
  timezone: string;
  sites: readonly SiteSpec[];
  suppliers: readonly SupplierSpec[];
  /** Exact number of agreements (item × site) to create. */
  agreements: number;
  patterns: Readonly<Record<DemandPattern, number>>;
}

export interface DemoUserSpec {
  email: string;
  name: string;
  /** For the start-up banner. */
  description: string;
  memberships: readonly { tenant: string; role: Role; supplier?: string }[];
}

const northwindComponents: ItemTemplate[] = [
  {
    name: "Hex bolt",
    variants: ["M6×20 zinc", "M8×30 zinc", "M10×40 8.8", "M12×50 A2 stainless", "M16×60 10.9"],
    category: "Fasteners",
    uom: "EA",
    cost: [0.08, 1.9],
    demand: [60, 900],
    packs: [100, 200, 500],
  },
  {
    name: "Hex nut",
    variants: ["M6 zinc", "M8 zinc", "M10 8", "M12 A2 stainless"],
    category: "Fasteners",
    uom: "EA",
    cost: [0.03, 0.6],
    demand: [80, 1000],
    packs: [100, 500, 1000],
  },
  {
    name: "Flat washer",
    variants: ["M6 DIN 125", "M8 DIN 125", "M10 DIN 125"],
    category: "Fasteners",
    uom: "EA",
    cost: [0.02, 0.2],
    demand: [100, 1200],
    packs: [500, 1000],
  },
  {
    name: "Socket cap screw",
    variants: ["M5×16 12.9", "M6×25 12.9", "M8×35 12.9"],
    category: "Fasteners",
    uom: "EA",
    cost: [0.1, 0.9],
    demand: [40, 500],
    packs: [100, 200],
  },
  {
    name: "Deep-groove ball bearing",
    variants: ["6201-2RS", "6204-2RS", "6205-2RS", "6306-ZZ", "6008-2RS"],
    category: "Bearings",
    uom: "EA",
    cost: [6, 58],
    demand: [3, 40],
    packs: [10, 20],
  },
  {
    name: "Linear bearing",
    variants: ["LM12UU", "LM16UU", "LM20UU"],
    category: "Bearings",
    uom: "EA",
    cost: [9, 45],
    demand: [1, 12],
    packs: [4, 10],
  },
  {
    name: "Pillow block bearing",
    variants: ["UCP205", "UCP208"],
    category: "Bearings",
    uom: "EA",
    cost: [35, 120],
    demand: [0.5, 6],
    packs: [1, 2],
  },
  {
    name: "Relay",
    variants: ["24 V DC 10 A", "12 V DC 5 A", "230 V AC 16 A"],
    category: "Electrical",
    uom: "EA",
    cost: [8, 36],
    demand: [2, 30],
    packs: [10, 20],
  },
  {
    name: "Terminal block",
    variants: ["2.5 mm² grey", "4 mm² grey", "6 mm² earth"],
    category: "Electrical",
    uom: "EA",
    cost: [1.2, 6.5],
    demand: [20, 250],
    packs: [50, 100],
  },
  {
    name: "Fuse",
    variants: ["5 A glass 5×20", "10 A ceramic 6×32", "32 A gG NH00"],
    category: "Electrical",
    uom: "EA",
    cost: [0.6, 18],
    demand: [5, 80],
    packs: [10, 50, 100],
  },
  {
    name: "Contactor",
    variants: ["9 A 230 V coil", "18 A 24 V DC coil"],
    category: "Electrical",
    uom: "EA",
    cost: [85, 260],
    demand: [0.5, 6],
    packs: [1, 5],
  },
  {
    name: "Circuit breaker",
    variants: ["C16 1P", "C32 3P", "D10 2P"],
    category: "Electrical",
    uom: "EA",
    cost: [28, 190],
    demand: [1, 10],
    packs: [1, 6, 12],
  },
  {
    name: "Proximity sensor",
    variants: ["M12 PNP NO", "M18 NPN NC", "M30 PNP NO"],
    category: "Sensors",
    uom: "EA",
    cost: [60, 240],
    demand: [0.5, 8],
    packs: [1, 5],
  },
  {
    name: "Photoelectric sensor",
    variants: ["diffuse 300 mm", "retro-reflective 4 m"],
    category: "Sensors",
    uom: "EA",
    cost: [150, 420],
    demand: [0.3, 4],
    packs: [1],
  },
  {
    name: "Pressure transmitter",
    variants: ["0–10 bar 4–20 mA", "0–250 bar 4–20 mA"],
    category: "Sensors",
    uom: "EA",
    cost: [380, 1450],
    demand: [0.2, 2],
    packs: [1],
  },
  {
    name: "O-ring NBR 70",
    variants: ["20×2", "32×3", "50×3", "80×4"],
    category: "Seals",
    uom: "EA",
    cost: [0.15, 2.4],
    demand: [30, 400],
    packs: [50, 100],
  },
  {
    name: "Rotary shaft seal",
    variants: ["25×40×7", "35×52×7", "50×72×8"],
    category: "Seals",
    uom: "EA",
    cost: [4, 22],
    demand: [3, 35],
    packs: [10, 20],
  },
  {
    name: "Timing belt",
    variants: ["HTD 5M-450-15", "HTD 8M-800-20", "T10-1010-25"],
    category: "Power transmission",
    uom: "EA",
    cost: [28, 160],
    demand: [0.5, 6],
    packs: [1, 2],
  },
  {
    name: "V-belt",
    variants: ["SPA 1250", "SPB 1600", "SPZ 900"],
    category: "Power transmission",
    uom: "EA",
    cost: [18, 75],
    demand: [0.5, 8],
    packs: [1, 5],
  },
  {
    name: "Control cable",
    variants: ["4×0.75 mm² PVC", "7×1.0 mm² shielded", "12×0.5 mm² PUR"],
    category: "Cables",
    uom: "M",
    cost: [2.2, 14],
    demand: [40, 600],
    packs: [100, 500],
  },
  {
    name: "Cable gland",
    variants: ["PG9 nylon", "PG13.5 nylon", "M20×1.5 brass", "M25×1.5 brass"],
    category: "Cables",
    uom: "EA",
    cost: [0.9, 9],
    demand: [15, 220],
    packs: [50, 100],
  },
  {
    name: "Pneumatic fitting",
    variants: ["push-in 6 mm straight", "push-in 8 mm elbow", "push-in 10 mm tee"],
    category: "Pneumatics",
    uom: "EA",
    cost: [2.5, 12],
    demand: [10, 120],
    packs: [10, 50],
  },
  {
    name: "Solenoid valve",
    variants: ["5/2 G1/4 24 V DC", "3/2 G1/8 24 V DC"],
    category: "Pneumatics",
    uom: "EA",
    cost: [120, 380],
    demand: [0.3, 4],
    packs: [1],
  },
  {
    name: "Pneumatic tubing PU",
    variants: ["6×4 mm blue", "8×6 mm black"],
    category: "Pneumatics",
    uom: "M",
    cost: [1.8, 4.5],
    demand: [30, 300],
    packs: [50, 100],
  },
];

const contosoPackaging: ItemTemplate[] = [
  {
    name: "Corrugated carton RSC",
    variants: ["200×150×100 mm", "300×200×150 mm", "400×300×200 mm", "600×400×400 mm", "600×400×300 mm double wall"],
    category: "Cartons",
    uom: "EA",
    cost: [0.6, 7.5],
    demand: [80, 1500],
    packs: [25, 50, 100],
  },
  {
    name: "Die-cut mailer box",
    variants: ["A5 white", "A4 kraft", "A3 kraft"],
    category: "Cartons",
    uom: "EA",
    cost: [1.1, 4.8],
    demand: [50, 700],
    packs: [50, 100],
  },
  {
    name: "Stretch film",
    variants: ["hand 500 mm × 23 µm", "hand 500 mm × 17 µm", "machine 500 mm × 20 µm"],
    category: "Films & wraps",
    uom: "ROLL",
    cost: [38, 120],
    demand: [4, 60],
    packs: [6, 12],
  },
  {
    name: "Bubble wrap",
    variants: ["1 m × 100 m", "0.5 m × 50 m"],
    category: "Films & wraps",
    uom: "ROLL",
    cost: [45, 130],
    demand: [1, 18],
    packs: [1, 4],
  },
  {
    name: "Packing tape",
    variants: ["48 mm clear", "48 mm brown", "75 mm printed 'Fragile'"],
    category: "Tapes",
    uom: "ROLL",
    cost: [3.2, 11],
    demand: [20, 320],
    packs: [36, 72],
  },
  {
    name: "Shipping label",
    variants: ["100×150 mm thermal", "100×50 mm thermal", "A6 laser"],
    category: "Labels",
    uom: "ROLL",
    cost: [12, 45],
    demand: [3, 45],
    packs: [6, 12],
  },
  {
    name: "Pallet",
    variants: ["EUR 1200×800 wood", "industrial 1200×1000 wood", "plastic 1200×800 nestable"],
    category: "Pallets",
    uom: "EA",
    cost: [48, 260],
    demand: [5, 120],
    packs: [10, 20],
  },
  {
    name: "Edge protector",
    variants: ["35×35×1000 mm", "50×50×1200 mm"],
    category: "Protection",
    uom: "EA",
    cost: [0.7, 2.6],
    demand: [40, 500],
    packs: [100, 200],
  },
  {
    name: "Strapping",
    variants: ["PP 12 mm × 2500 m", "PET 16 mm × 1200 m"],
    category: "Strapping",
    uom: "ROLL",
    cost: [95, 380],
    demand: [0.5, 8],
    packs: [1, 2],
  },
  {
    name: "Kraft paper",
    variants: ["750 mm × 280 m 80 g", "1000 mm × 250 m 90 g"],
    category: "Protection",
    uom: "ROLL",
    cost: [160, 320],
    demand: [0.5, 6],
    packs: [1],
  },
  {
    name: "Foam insert",
    variants: ["PE 300×200×50 mm", "PU custom motor tray", "EPE corner block"],
    category: "Protection",
    uom: "EA",
    cost: [1.5, 18],
    demand: [10, 260],
    packs: [20, 50],
  },
  {
    name: "Polybag",
    variants: ["LDPE 300×400 mm 50 µm", "LDPE 600×800 mm 80 µm", "ESD 200×300 mm"],
    category: "Films & wraps",
    uom: "PK",
    cost: [18, 95],
    demand: [2, 40],
    packs: [10, 20],
  },
  {
    name: "Desiccant bag",
    variants: ["10 g clay", "100 g clay"],
    category: "Protection",
    uom: "PK",
    cost: [22, 90],
    demand: [1, 20],
    packs: [5, 10],
  },
  {
    name: "Pallet top sheet",
    variants: ["1200×800 mm", "1200×1000 mm"],
    category: "Protection",
    uom: "EA",
    cost: [0.4, 1.2],
    demand: [10, 150],
    packs: [100, 250],
  },
  {
    name: "Void fill air pillows",
    variants: ["200×100 mm", "200×200 mm"],
    category: "Films & wraps",
    uom: "ROLL",
    cost: [85, 160],
    demand: [0.5, 8],
    packs: [1, 4],
  },
];

const fabrikamChemicals: ItemTemplate[] = [
  {
    name: "Isopropyl alcohol 99.9 %",
    variants: ["5 L can", "20 L drum"],
    category: "Solvents",
    uom: "L",
    cost: [14, 28],
    demand: [5, 120],
    packs: [5, 20],
  },
  {
    name: "Acetone technical",
    variants: ["20 L drum", "200 L drum"],
    category: "Solvents",
    uom: "L",
    cost: [9, 19],
    demand: [10, 160],
    packs: [20, 200],
  },
  {
    name: "Ethanol 96 % denatured",
    variants: ["25 L drum"],
    category: "Solvents",
    uom: "L",
    cost: [11, 22],
    demand: [5, 80],
    packs: [25],
  },
  {
    name: "Hydraulic oil",
    variants: ["ISO VG 32", "ISO VG 46", "ISO VG 68"],
    category: "Lubricants",
    uom: "L",
    cost: [16, 34],
    demand: [8, 140],
    packs: [20, 208],
  },
  {
    name: "Gear oil",
    variants: ["ISO VG 220", "ISO VG 320 synthetic"],
    category: "Lubricants",
    uom: "L",
    cost: [22, 68],
    demand: [2, 40],
    packs: [20, 208],
  },
  {
    name: "Lithium grease",
    variants: ["EP2 18 kg pail", "EP0 18 kg pail"],
    category: "Lubricants",
    uom: "KG",
    cost: [28, 55],
    demand: [1, 20],
    packs: [18],
  },
  {
    name: "Chain lubricant spray",
    variants: ["400 ml", "500 ml food grade"],
    category: "Lubricants",
    uom: "EA",
    cost: [38, 96],
    demand: [2, 30],
    packs: [12, 24],
  },
  {
    name: "Cutting fluid concentrate",
    variants: ["semi-synthetic", "soluble mineral", "synthetic for grinding"],
    category: "Metalworking fluids",
    uom: "L",
    cost: [24, 62],
    demand: [10, 180],
    packs: [20, 200],
  },
  {
    name: "Two-part epoxy adhesive",
    variants: ["50 ml cartridge", "400 ml cartridge"],
    category: "Adhesives",
    uom: "EA",
    cost: [36, 210],
    demand: [1, 25],
    packs: [6, 12],
  },
  {
    name: "Cyanoacrylate adhesive",
    variants: ["20 g general", "20 g rubber-toughened"],
    category: "Adhesives",
    uom: "EA",
    cost: [26, 78],
    demand: [2, 30],
    packs: [10, 20],
  },
  {
    name: "Threadlocker",
    variants: ["medium strength 50 ml", "high strength 50 ml"],
    category: "Adhesives",
    uom: "EA",
    cost: [85, 160],
    demand: [1, 12],
    packs: [10],
  },
  {
    name: "Polyurethane sealant",
    variants: ["310 ml grey", "600 ml black"],
    category: "Adhesives",
    uom: "EA",
    cost: [24, 58],
    demand: [3, 60],
    packs: [12, 20],
  },
  {
    name: "Alkaline degreaser",
    variants: ["concentrate 25 L", "ready-to-use 5 L"],
    category: "Cleaning",
    uom: "L",
    cost: [8, 26],
    demand: [10, 200],
    packs: [5, 25],
  },
  {
    name: "Hand cleaner with grit",
    variants: ["4 L cartridge"],
    category: "Cleaning",
    uom: "L",
    cost: [18, 32],
    demand: [2, 30],
    packs: [4, 16],
  },
  {
    name: "Epoxy primer",
    variants: ["grey 2K", "zinc-rich 2K"],
    category: "Coatings",
    uom: "KG",
    cost: [46, 120],
    demand: [2, 40],
    packs: [20, 25],
  },
  {
    name: "Polyurethane topcoat",
    variants: ["RAL 7035", "RAL 5015", "RAL 9005"],
    category: "Coatings",
    uom: "KG",
    cost: [58, 140],
    demand: [1, 30],
    packs: [20, 25],
  },
  {
    name: "Thinner for 2K coatings",
    variants: ["25 L"],
    category: "Coatings",
    uom: "L",
    cost: [15, 30],
    demand: [3, 50],
    packs: [25],
  },
  {
    name: "Sodium hydroxide solution 50 %",
    variants: ["IBC 1000 L", "25 kg can"],
    category: "Process chemicals",
    uom: "KG",
    cost: [2.2, 5.6],
    demand: [40, 600],
    packs: [25, 1000],
  },
  {
    name: "Citric acid anhydrous",
    variants: ["25 kg bag"],
    category: "Process chemicals",
    uom: "KG",
    cost: [8, 15],
    demand: [10, 160],
    packs: [25],
  },
  {
    name: "Corrosion inhibitor for cooling water",
    variants: ["25 kg can"],
    category: "Process chemicals",
    uom: "KG",
    cost: [32, 68],
    demand: [2, 40],
    packs: [25],
  },
  {
    name: "Welding gas",
    variants: ["argon 50 L cylinder", "Ar/CO2 82/18 50 L cylinder", "nitrogen 50 L cylinder"],
    category: "Industrial gases",
    uom: "CYL",
    cost: [180, 420],
    demand: [0.3, 6],
    packs: [1],
  },
];

const northwindRetail: ItemTemplate[] = [
  {
    name: "USB-C charging cable",
    variants: ["1 m white", "2 m braided"],
    category: "Accessories",
    uom: "EA",
    cost: [3.5, 9],
    demand: [8, 90],
    packs: [20, 50],
  },
  {
    name: "HDMI cable",
    variants: ["1.5 m", "3 m 4K"],
    category: "Accessories",
    uom: "EA",
    cost: [4, 14],
    demand: [3, 40],
    packs: [10, 20],
  },
  {
    name: "LED bulb",
    variants: ["E27 9 W warm white", "E14 5 W candle", "GU10 6 W"],
    category: "Lighting",
    uom: "EA",
    cost: [1.2, 4.5],
    demand: [15, 160],
    packs: [10, 50],
  },
  {
    name: "Alkaline battery",
    variants: ["AA 4-pack", "AAA 4-pack", "9 V single"],
    category: "Batteries",
    uom: "PK",
    cost: [1.8, 5],
    demand: [20, 240],
    packs: [12, 24],
  },
  {
    name: "Power strip",
    variants: ["4-way 1.5 m", "6-way surge 3 m"],
    category: "Electrical",
    uom: "EA",
    cost: [6, 22],
    demand: [2, 25],
    packs: [6, 12],
  },
  { name: "Smart plug", variants: ["Wi-Fi 16 A"], category: "Electrical", uom: "EA", cost: [7, 12], demand: [1, 15], packs: [6] },
  {
    name: "Extension cord",
    variants: ["10 m outdoor"],
    category: "Electrical",
    uom: "EA",
    cost: [9, 18],
    demand: [0.5, 8],
    packs: [4],
  },
];

const initechSupplies: ItemTemplate[] = [
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

export const DEMO_TENANTS: readonly TenantSpec[] = [
  {
    slug: "acme",
    name: "Acme Manufacturing",
    currency: "CNY",
    timezone: "Asia/Shanghai",
    sites: [
      { code: "SH-01", name: "Shanghai plant" },
      { code: "SZ-02", name: "Shenzhen DC" },
    ],
    suppliers: [
      {
        code: "northwind",
        name: "Northwind Components",
        prefix: "NW-",
        firstSku: 10001,
        leadTime: [5, 21],
        reviewPeriods: [7, 7, 14],
        behaviours: { reliable: 0.62, late: 0.14, "over-shipping": 0.12, "under-shipping": 0.12 },
        items: northwindComponents,
      },
      {
        code: "contoso",
        name: "Contoso Packaging",
        prefix: "CT-",
        firstSku: 20001,
        leadTime: [3, 10],
        reviewPeriods: [1, 7, 7],
        behaviours: { reliable: 0.6, late: 0.1, "over-shipping": 0.22, "under-shipping": 0.08 },
        items: contosoPackaging,
      },
      {
        code: "fabrikam",
        name: "Fabrikam Chemicals",
        prefix: "FB-",
        firstSku: 30001,
        leadTime: [10, 30],
        reviewPeriods: [7, 14, 14],
        behaviours: { reliable: 0.52, late: 0.24, "over-shipping": 0.08, "under-shipping": 0.16 },
        items: fabrikamChemicals,
      },
    ],
    agreements: 300,
    patterns: { smooth: 30, seasonal: 14, trending: 12, erratic: 8, intermittent: 16, lumpy: 10, dead: 10 },
  },
  {
    slug: "globex",
    name: "Globex Retail",
    currency: "HKD",
    timezone: "Asia/Hong_Kong",
    sites: [
      { code: "KT-01", name: "Kwun Tong DC" },
      { code: "TST-02", name: "Tsim Sha Tsui store" },
    ],
    suppliers: [
      {
        code: "northwind",
        name: "Northwind Components",
        prefix: "NW-",
        firstSku: 50001,
        leadTime: [4, 14],
        reviewPeriods: [7],
        behaviours: { reliable: 0.6, late: 0.15, "over-shipping": 0.15, "under-shipping": 0.1 },
        items: northwindRetail,
      },
      {
        code: "initech",
        name: "Initech Supplies",
        prefix: "IN-",
        firstSku: 60001,
        leadTime: [2, 7],
        reviewPeriods: [1, 7],
        behaviours: { reliable: 0.65, late: 0.15, "over-shipping": 0.1, "under-shipping": 0.1 },
        items: initechSupplies,
      },
    ],
    agreements: 48,
    patterns: { smooth: 30, seasonal: 20, trending: 12, erratic: 6, intermittent: 14, lumpy: 8, dead: 10 },
  },
];

export const DEMO_USERS: readonly DemoUserSpec[] = [
  {
    email: "admin@acme.example",
    name: "Li Wei",
    description: "admin, Acme Manufacturing",
    memberships: [{ tenant: "acme", role: "admin" }],
  },
  {
    email: "manager@acme.example",
    name: "Zhang Min",
    description: "manager, Acme Manufacturing",
    memberships: [{ tenant: "acme", role: "manager" }],
  },
  {
    email: "buyer@acme.example",
    name: "Chen Jing",
    description: "buyer, Acme Manufacturing",
    memberships: [{ tenant: "acme", role: "buyer" }],
  },
  {
    email: "supplier@northwind.example",
    name: "Nancy Davolio",
    description: "supplier Northwind, in Acme and Globex",
    memberships: [
      { tenant: "acme", role: "supplier", supplier: "northwind" },
      { tenant: "globex", role: "supplier", supplier: "northwind" },
    ],
  },
  {
    email: "supplier@contoso.example",
    name: "Kim Abercrombie",
    description: "supplier Contoso, in Acme",
    memberships: [{ tenant: "acme", role: "supplier", supplier: "contoso" }],
  },
  {
    email: "supplier@fabrikam.example",
    name: "Dana Birkby",
    description: "supplier Fabrikam, in Acme",
    memberships: [{ tenant: "acme", role: "supplier", supplier: "fabrikam" }],
  },
  {
    email: "buyer@globex.example",
    name: "Wong Ka-ming",
    description: "buyer, Globex Retail",
    memberships: [{ tenant: "globex", role: "buyer" }],
  },
];
